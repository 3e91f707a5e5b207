using System.Diagnostics;
using System.Text;

namespace TaxiiConnector.IntegrationTests.Infrastructure;

/// <summary>The built connector (<c>dotnet TaxiiConnector.dll ...</c>) as a child process with its own environment.</summary>
internal sealed class ConnectorProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ConnectorProcess(Process process)
    {
        _process = process;
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ConnectorProcess Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ConnectorDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child sees only the configuration the test gives it (no stray TAXII2_/OPENCTI_ variables of the machine).
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("TAXII", StringComparison.OrdinalIgnoreCase) || key.StartsWith("OPENCTI", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("CONNECTOR", StringComparison.OrdinalIgnoreCase) || key.StartsWith("STATE", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = start };
        var wrapper = new ConnectorProcess(process);
        process.OutputDataReceived += (_, e) => wrapper.Append(e.Data);
        process.ErrorDataReceived += (_, e) => wrapper.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>The connector assembly built next to (or for) this test assembly, in the same configuration.</summary>
    public static string ConnectorDll
    {
        get
        {
            var here = AppContext.BaseDirectory;
            var local = Path.Combine(here, "TaxiiConnector.dll");
            if (File.Exists(local) && File.Exists(Path.Combine(here, "TaxiiConnector.runtimeconfig.json")))
            {
                return local;
            }

            // tests/TaxiiConnector.IntegrationTests/bin/<Configuration>/<tfm>/ → src/TaxiiConnector/bin/<Configuration>/<tfm>/
            var tfm = new DirectoryInfo(here.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfm.Parent!;
            var root = configuration.Parent!.Parent!.Parent!.Parent!;
            return Path.Combine(root.FullName, "src", "TaxiiConnector", "bin", configuration.Name, tfm.Name, "TaxiiConnector.dll");
        }
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, exactly what a crash or an OOM kill does.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The connector did not exit within {timeout}. Output:\n{Output}");
        }

        // The asynchronous readers may still hold the last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
