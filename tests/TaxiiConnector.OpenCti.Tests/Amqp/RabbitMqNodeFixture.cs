using System.Diagnostics;
using System.Globalization;
using System.Text;
using RabbitMQ.Client;
using TaxiiConnector.OpenCti.Tests.Platform;

namespace TaxiiConnector.OpenCti.Tests.Amqp;

/// <summary>
/// A private RabbitMQ node (Debian's <c>rabbitmq-server</c>) on loopback for the whole test run: free ports, its own temp
/// directories, Erlang cookie and node name, no plugins. Started once (~6 s; up to 120 s allowed on a loaded machine)
/// and stopped with <c>rabbitmqctl stop</c> at the end. When RabbitMQ is not installed the tests FAIL with the fix.
/// </summary>
public sealed class RabbitMqNodeFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string _base = Directory.CreateTempSubdirectory("taxii-rabbitmq-").FullName;
    private readonly StringBuilder _output = new();
    private Process? _server;
    private string _ctl = string.Empty;

    /// <summary>The node's <c>max_message_size</c>, in bytes.</summary>
    public const int MaxMessageSize = 512 * 1024;

    public string NodeName { get; } = $"taxiitest-{Guid.NewGuid():N}@localhost";

    public int Port { get; } = FakeOpenCtiPlatform.FreePort();

    /// <summary>The node's Erlang distribution port (loopback only), free rather than the fixed 25672.</summary>
    private int DistributionPort { get; } = FakeOpenCtiPlatform.FreePort();

    /// <summary>rabbitmqctl's own distribution ports: by default a fixed 35672-35682, shared with any other node's CLI.</summary>
    private int CliDistributionPort { get; } = Math.Min(FakeOpenCtiPlatform.FreePort(), 65525);

    private string PidFile => Path.Combine(_base, "rabbit.pid");

    public async Task InitializeAsync()
    {
        var (server, ctl) = Locate();
        _ctl = ctl;
        foreach (var dir in new[] { "home", "mnesia", "log" })
        {
            Directory.CreateDirectory(Path.Combine(_base, dir));
        }

        await File.WriteAllTextAsync(Path.Combine(_base, "enabled_plugins"), "[].");

        // A small temp disk must not raise the disk alarm, which blocks publishers. A small max_message_size lets a test
        // send a message the broker refuses (RabbitMQ 4 defaults to 16 MiB).
        await File.WriteAllTextAsync(Path.Combine(_base, "rabbitmq.conf"),
            $"disk_free_limit.absolute = 1MB\nmax_message_size = {MaxMessageSize}\n");

        var start = NewStartInfo(server, []);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        _server = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {server}.");
        _server.OutputDataReceived += (_, e) => Append(e.Data);
        _server.ErrorDataReceived += (_, e) => Append(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var waited = await RunCtlAsync(StartTimeout, "wait", PidFile, "--timeout", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        if (waited.ExitCode != 0)
        {
            var log = Tail();
            await DisposeAsync();
            throw new InvalidOperationException($"RabbitMQ node {NodeName} did not start within {StartTimeout.TotalSeconds} s: {waited.Output}\n{log}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            if (!server.HasExited)
            {
                await RunCtlAsync(CommandTimeout, "stop", PidFile);
            }

            if (!await ExitedAsync(server))
            {
                server.Kill(entireProcessTree: true);
                await ExitedAsync(server);
            }

            server.Dispose();

            // epmd refuses to die while another node is registered, so this only ends an epmd nobody uses.
            await RunAsync(NewStartInfo("epmd", ["-kill"]), TimeSpan.FromSeconds(30));
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

    private static async Task<bool> ExitedAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Stops the broker application (listeners closed, client connections dropped); the Erlang node stays up.</summary>
    public async Task StopBrokerAsync()
    {
        var result = await RunCtlAsync(CommandTimeout, "stop_app");
        result.ExitCode.Should().Be(0, result.Output);
    }

    public async Task StartBrokerAsync()
    {
        var result = await RunCtlAsync(CommandTimeout, "start_app");
        result.ExitCode.Should().Be(0, result.Output);
        var waited = await RunCtlAsync(CommandTimeout, "await_startup");
        waited.ExitCode.Should().Be(0, waited.Output);
    }

    public async Task<IConnection> ConnectAsync() =>
        await new ConnectionFactory { HostName = "127.0.0.1", Port = Port, UserName = "guest", Password = "guest", ClientProvidedName = "test-consumer" }
            .CreateConnectionAsync();

    private static (string Server, string Ctl) Locate() =>
        Locate("/usr/lib/rabbitmq/bin", Environment.GetEnvironmentVariable("PATH"));

    internal static (string Server, string Ctl) Locate(string debianScripts, string? path)
    {
        // Debian's /usr/sbin wrappers switch to the rabbitmq user; the scripts behind them run as whoever calls them.
        if (File.Exists(Path.Combine(debianScripts, "rabbitmq-server")))
        {
            return (Path.Combine(debianScripts, "rabbitmq-server"), Path.Combine(debianScripts, "rabbitmqctl"));
        }

        foreach (var dir in (path ?? string.Empty).Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "rabbitmq-server")) && File.Exists(Path.Combine(dir, "rabbitmqctl")))
            {
                return (Path.Combine(dir, "rabbitmq-server"), Path.Combine(dir, "rabbitmqctl"));
            }
        }

        throw new InvalidOperationException(
            "rabbitmq-server is not installed: the AMQP sink's integration tests need a real broker. " +
            "Install it with `apt-get update && apt-get install -y rabbitmq-server` (then `service rabbitmq-server stop`); .ci/run does this.");
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
        env["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(CultureInfo.InvariantCulture);
        env["RABBITMQ_CTL_DIST_PORT_MIN"] = CliDistributionPort.ToString(CultureInfo.InvariantCulture);
        env["RABBITMQ_CTL_DIST_PORT_MAX"] = (CliDistributionPort + 10).ToString(CultureInfo.InvariantCulture);
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

    private Task<(int ExitCode, string Output)> RunCtlAsync(TimeSpan timeout, params string[] arguments) =>
        RunAsync(NewStartInfo(_ctl, ["-n", NodeName, .. arguments]), timeout);

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo info, TimeSpan timeout)
    {
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
            return (-1, $"{info.FileName} {string.Join(' ', info.ArgumentList)} timed out after {timeout.TotalSeconds} s");
        }

        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Tail()
    {
        lock (_output)
        {
            var text = _output.ToString();
            return text.Length > 4000 ? text[^4000..] : text;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqNodeFixture>
{
    public const string Name = "RabbitMQ node";
}
