using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// A private RabbitMQ node (Debian's <c>rabbitmq-server</c>) on loopback for one benchmark run, started as the AMQP tests
/// start theirs: free ports, its own temp directories, Erlang cookie home and node name, no plugins, stopped with
/// <c>rabbitmqctl stop</c>. Broker settings are the defaults apart from the disk alarm (a small temp disk must not block
/// publishers).
/// </summary>
internal sealed class RabbitMqNode : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private readonly string _base = Directory.CreateTempSubdirectory("taxii-bench-rabbitmq-").FullName;
    private readonly string _server;
    private readonly string _ctl;
    private readonly int _distributionPort = FreePort();
    private readonly int _cliPort = Math.Min(FreePort(), 65525);
    private Process? _process;

    private RabbitMqNode(string server, string ctl)
    {
        _server = server;
        _ctl = ctl;
    }

    public string NodeName { get; } = $"taxiibench-{Guid.NewGuid():N}@localhost";

    public int Port { get; } = FreePort();

    /// <summary>The broker's Erlang process (for its CPU time).</summary>
    public int? ProcessId => _process?.Id;

    private string PidFile => Path.Combine(_base, "rabbit.pid");

    public static async Task<RabbitMqNode> StartAsync(CancellationToken cancellationToken)
    {
        const string scripts = "/usr/lib/rabbitmq/bin";
        if (!File.Exists(Path.Combine(scripts, "rabbitmq-server")))
        {
            throw new InvalidOperationException("rabbitmq-server is not installed (apt-get install -y rabbitmq-server): --sink amqp needs a real broker.");
        }

        var node = new RabbitMqNode(Path.Combine(scripts, "rabbitmq-server"), Path.Combine(scripts, "rabbitmqctl"));
        foreach (var dir in new[] { "home", "mnesia", "log" })
        {
            Directory.CreateDirectory(Path.Combine(node._base, dir));
        }

        await File.WriteAllTextAsync(Path.Combine(node._base, "enabled_plugins"), "[].", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(node._base, "rabbitmq.conf"), "disk_free_limit.absolute = 1MB\n", cancellationToken);
        var start = node.NewStartInfo(node._server, []);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        node._process = Process.Start(start) ?? throw new InvalidOperationException("Could not start rabbitmq-server.");
        node._process.OutputDataReceived += (_, _) => { };
        node._process.ErrorDataReceived += (_, _) => { };
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        var (code, output) = await node.RunCtlAsync(StartTimeout, "wait", node.PidFile, "--timeout", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        if (code != 0)
        {
            await node.DisposeAsync();
            throw new InvalidOperationException($"RabbitMQ node did not start: {output}");
        }

        return node;
    }

    /// <summary>The broker's CPU time so far (the Erlang VM and its children), from /proc.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            if (_process is not { HasExited: false } process)
            {
                return TimeSpan.Zero;
            }

            process.Refresh();
            var total = TimeSpan.Zero;
            foreach (var pid in Descendants(process.Id))
            {
                try
                {
                    using var child = Process.GetProcessById(pid);
                    total += child.TotalProcessorTime;
                }
                catch (ArgumentException)
                {
                }
                catch (InvalidOperationException)
                {
                }
            }

            return total;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                await RunCtlAsync(TimeSpan.FromSeconds(90), "stop", PidFile);
            }

            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(_base, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static IEnumerable<int> Descendants(int root)
    {
        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++)
        {
            var children = $"/proc/{result[i]}/task/{result[i]}/children";
            if (File.Exists(children))
            {
                foreach (var part in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    result.Add(int.Parse(part, CultureInfo.InvariantCulture));
                }
            }
        }

        return result;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ProcessStartInfo NewStartInfo(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var env = info.Environment;
        env["HOME"] = Path.Combine(_base, "home");
        env["RABBITMQ_NODENAME"] = NodeName;
        env["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        env["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        env["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(CultureInfo.InvariantCulture);
        env["RABBITMQ_CTL_DIST_PORT_MIN"] = _cliPort.ToString(CultureInfo.InvariantCulture);
        env["RABBITMQ_CTL_DIST_PORT_MAX"] = (_cliPort + 10).ToString(CultureInfo.InvariantCulture);
        env["RABBITMQ_MNESIA_BASE"] = Path.Combine(_base, "mnesia");
        env["RABBITMQ_LOG_BASE"] = Path.Combine(_base, "log");
        env["RABBITMQ_PID_FILE"] = PidFile;
        env["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_base, "enabled_plugins");
        env["RABBITMQ_CONFIG_FILE"] = Path.Combine(_base, "rabbitmq");
        env["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_base, "advanced.config");
        env["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        env["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        return info;
    }

    private async Task<(int ExitCode, string Output)> RunCtlAsync(TimeSpan timeout, params string[] arguments)
    {
        var info = NewStartInfo(_ctl, ["-n", NodeName, .. arguments]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "rabbitmqctl timed out");
        }

        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}
