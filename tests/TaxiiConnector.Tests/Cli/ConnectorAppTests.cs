using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TaxiiConnector.Cli;
using TaxiiConnector.Hosting;
using TaxiiConnector.Scheduling;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Cli;

/// <summary>The command line end to end, in-process, with an environment snapshot instead of the process environment.</summary>
public sealed class ConnectorAppTests : IDisposable
{
    private readonly TestConfiguration _config = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly ConcurrentLogWriter _log = new();

    private Task<int> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        ConnectorApp.RunAsync(args, environment, new CommandOutput(_out, _error) { Log = _log }, CancellationToken.None);

    [Fact]
    public async Task CheckConfig_NoSourceConfigured_ExitsOneNamingDiscoveryUrl()
    {
        var environment = TestConfiguration.With(("TAXII2_DISCOVERY_URL", null));

        var exitCode = await RunAsync(environment, "check-config");

        exitCode.Should().Be(1);
        _error.ToString().Split('\n').Should().Contain(line => line.Contains("TAXII2_DISCOVERY_URL") && line.Contains("taxii2.discovery_url"));
    }

    [Fact]
    public async Task CheckConfig_ValidConfiguration_ExitsZeroAndMasksSecrets()
    {
        var certificate = _config.WriteYaml("not really a certificate", "client.pfx");
        var environment = TestConfiguration.With(
            ("TAXII2_PASSWORD", "basic-password-123"),
            ("TAXII2_USERNAME", "alice"),
            ("TAXII2_CERT_PASSWORD", "pfx-password-456"),
            ("TAXII2_CERT_PATH", certificate),
            ("MQ_PASS", "rabbit-password-789"),
            ("TAXII2_APIKEY_VALUE", "apikey-value-000"),
            ("OPENCTI_URL", "https://admin:platform-password@opencti.example.com/"));

        var exitCode = await RunAsync(environment, "check-config");

        var output = _out.ToString() + _error.ToString();
        exitCode.Should().Be(0, output);
        output.Should().Contain("configuration is valid").And.Contain("sources: taxii2");
        output.Should().Contain("discovery_url = https://taxii.example.com/taxii2/").And.Contain("username = alice");
        foreach (var secret in new[] { "basic-password-123", "pfx-password-456", "rabbit-password-789", "apikey-value-000", "platform-password", TestConfiguration.ValidEnvironment["OPENCTI_TOKEN"]! })
        {
            output.Should().NotContain(secret);
        }

        output.Should().Contain("password = ********");
        output.Should().NotContain("warning:");
    }

    [Fact]
    public async Task CheckConfig_ConfigFile_ShowsFileValuesAndOrigin()
    {
        var path = _config.WriteYaml("taxii2:\n  discovery_url: 'https://file.example.com/taxii2/'\n  initial_history: 48\n");
        var environment = TestConfiguration.With(("TAXII2_DISCOVERY_URL", null));

        var exitCode = await RunAsync(environment, "check-config", "--config", path);

        exitCode.Should().Be(0, _error.ToString());
        _out.ToString().Should().Contain("initial_history = 48    # TAXII2_INITIAL_HISTORY, file")
            .And.Contain("collections = *.*    # TAXII2_COLLECTIONS, default")
            .And.Contain(path);
    }

    [Fact]
    public async Task CheckConfig_MissingConfigFile_ExitsOne()
    {
        var exitCode = await RunAsync(TestConfiguration.ValidEnvironment, "check-config", "--config", Path.Combine(_config.Directory, "nope.yml"));

        exitCode.Should().Be(1);
        _error.ToString().Should().Contain("nope.yml");
    }

    [Fact]
    public async Task Run_InvalidConfiguration_ExitsOneWithOneLinePerProblem()
    {
        var environment = TestConfiguration.With(("OPENCTI_URL", null), ("CONNECTOR_DURATION_PERIOD", "hourly"));

        var exitCode = await RunAsync(environment, "run");

        exitCode.Should().Be(1);
        var lines = _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(line => line.Contains("OPENCTI_URL (opencti.url)"));
        lines.Should().Contain(line => line.Contains("CONNECTOR_DURATION_PERIOD (connector.duration_period)"));
    }

    [Fact]
    public async Task Discover_ServerUnreachable_ExitsOneWithOneLine()
    {
        // A closed loopback port: the connection is refused at once, and no traffic leaves the machine.
        var environment = TestConfiguration.With(("TAXII2_DISCOVERY_URL", "http://127.0.0.1:1/taxii2/"), ("TAXII2_MAX_RETRIES", "0"));

        var exitCode = await RunAsync(environment, "discover");

        exitCode.Should().Be(1);
        _error.ToString().Should().Contain("discovery failed");
    }

    [Fact]
    public async Task UnknownVerb_ExitsTwoWithUsage()
    {
        var exitCode = await RunAsync(TestConfiguration.ValidEnvironment, "frobnicate");

        exitCode.Should().Be(2);
        _error.ToString().Should().Contain("Unknown command").And.Contain("check-config");
    }

    [Fact]
    public async Task Host_RunOnceWithJob_RunsTheJobOnceAndStops()
    {
        var invocation = WithoutPlatform(_config.Invocation(TestConfiguration.ValidEnvironment)) with { Once = true };
        var builder = ConnectorHost.CreateBuilder(invocation, _log);
        var job = new CountingJob();
        builder.Services.AddSingleton<IConnectorJob>(job);
        using var host = builder.Build();
        var status = host.Services.GetRequiredService<ConnectorRunStatus>();

        await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        job.Runs.Should().Be(1);
        status.ExitCode.Should().Be(0);
        status.Current.LastRunSucceeded.Should().BeTrue();
    }

    [Fact]
    public async Task Host_ShutdownTimeout_ComesFromConfiguration()
    {
        var invocation = _config.Invocation(TestConfiguration.With(("CONNECTOR_SHUTDOWN_TIMEOUT", "PT7S")));
        using var host = ConnectorHost.CreateBuilder(invocation, _log).Build();

        host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value.ShutdownTimeout
            .Should().Be(TimeSpan.FromSeconds(7));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Host_JsonLogFormat_WritesOneJsonObjectPerLine()
    {
        var invocation = WithoutPlatform(_config.Invocation(TestConfiguration.With(("CONNECTOR_LOG_FORMAT", "json"), ("CONNECTOR_LOG_LEVEL", "info")))) with { Once = true };
        var builder = ConnectorHost.CreateBuilder(invocation, _log);
        builder.Services.AddSingleton<IConnectorJob>(new CountingJob());
        using var host = builder.Build();

        await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var lines = _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().NotBeEmpty();
        lines.Should().OnlyContain(line => line.StartsWith("{\"timestamp\":", StringComparison.Ordinal));
        _log.ToString().Should().Contain("Scheduler started: runs once");
    }

    [Fact]
    public async Task Host_StoppedMidRun_CancelsTheRunAndStops()
    {
        var invocation = WithoutPlatform(_config.Invocation(TestConfiguration.ValidEnvironment));
        var builder = ConnectorHost.CreateBuilder(invocation, _log);
        var job = new BlockingJob();
        builder.Services.AddSingleton<IConnectorJob>(job);
        using var host = builder.Build();
        var status = host.Services.GetRequiredService<ConnectorRunStatus>();

        await host.StartAsync();
        await job.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));

        job.Cancelled.Task.IsCompletedSuccessfully.Should().BeTrue();
        status.Current.IsRunning.Should().BeFalse();
        status.Current.LastRunSucceeded.Should().BeFalse();
    }

    [Fact]
    public void Host_Lifetime_HandlesSigterm()
    {
        using var host = ConnectorHost.CreateBuilder(_config.Invocation(TestConfiguration.ValidEnvironment), _log).Build();

        host.Services.GetRequiredService<IHostLifetime>().Should().BeOfType<Microsoft.Extensions.Hosting.Internal.ConsoleLifetime>();
    }

    // The scheduler tests replace the job; with a platform configured the host would also register with OpenCTI at start.
    private ConnectorInvocation WithoutPlatform(ConnectorInvocation invocation) =>
        invocation with { DryRun = true, OutputDirectory = Path.Combine(_config.Directory, "output") };

    public void Dispose()
    {
        _config.Dispose();
        _out.Dispose();
        _error.Dispose();
        _log.Dispose();
    }

    private sealed class BlockingJob : IConnectorJob
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }
        }
    }

    private sealed class CountingJob : IConnectorJob
    {
        private int _runs;

        public int Runs => _runs;

        public Task RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return Task.CompletedTask;
        }
    }
}
