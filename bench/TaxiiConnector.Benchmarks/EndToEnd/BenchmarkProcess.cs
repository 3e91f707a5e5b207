using System.Diagnostics;
using System.Reflection;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// Another instance of this benchmark program as a child process (the TAXII server, or one repetition), with stdout read
/// line by line. Closing its stdin tells a <c>serve</c> child to stop, so a killed parent never leaves a server behind.
/// </summary>
internal sealed class BenchmarkProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BenchmarkProcess(Process process) => _process = process;

    public StreamReader Output => _process.StandardOutput;

    /// <summary>The child's CPU time so far (user + system), read fresh.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static BenchmarkProcess Start(IEnumerable<string> arguments, bool forwardStandardError, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = !forwardStandardError,
            UseShellExecute = false,
        };

        // Under "dotnet run" this is the apphost; under "dotnet X.dll" it is dotnet and the dll comes first.
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own executable path is unknown.");
        info.FileName = host;
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The child benchmark process did not start.");
        if (!forwardStandardError)
        {
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
        }

        return new BenchmarkProcess(process);
    }

    /// <summary>Reads stdout until a line starting with <paramref name="prefix"/>; returns the rest of it (null at end of output).</summary>
    public async Task<string?> ReadValueAsync(string prefix, CancellationToken cancellationToken)
    {
        while (await Output.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..].Trim();
            }
        }

        return null;
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
