using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TaxiiConnector.Cli;
using TaxiiConnector.Hosting;
using TaxiiConnector.IntegrationTests.Infrastructure;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Server.Push;
using TaxiiConnector.Sources.TaxiiPush;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.IntegrationTests.TaxiiPush;

/// <summary>
/// The connector's real host (<see cref="ConnectorHost.CreateBuilder"/>, <c>run --dry-run</c>) configured through
/// <c>TAXII_PUSH_*</c> variables only, with the push endpoint on a free loopback port and a sink the test can read or
/// make fail. Retry delays are milliseconds so a failing sink recovers quickly.
/// </summary>
internal sealed class PushConnector : IAsyncDisposable
{
    public const string CollectionA = "6f2a1c3e-8d4b-4e5f-9a0b-1c2d3e4f5a6b";
    public const string CollectionB = "0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e";
    public const string AlicePassword = "alice-pass-3f9a";
    public const string PartnerToken = "partner-token-8c1d";

    private readonly IHost _host;
    private readonly TempDirectory _directory;

    private PushConnector(IHost host, TempDirectory directory, TaxiiPushHost endpoint, RecordingPushSink sink, ConcurrentLogWriter log)
    {
        _host = host;
        Log = log;
        _directory = directory;
        Endpoint = endpoint;
        Sink = sink;
    }

    public TaxiiPushHost Endpoint { get; }

    public RecordingPushSink Sink { get; }

    /// <summary>Everything the connector logged, as an operator would read it.</summary>
    public ConcurrentLogWriter Log { get; }

    public static IReadOnlyDictionary<string, string?> Environment(string spool, params (string Name, string? Value)[] overrides)
    {
        var environment = new Dictionary<string, string?>
        {
            ["TAXII_PUSH_ENABLED"] = "true",
            ["TAXII_PUSH_LISTEN_URL"] = "http://127.0.0.1:0",
            ["TAXII_PUSH_SPOOL_PATH"] = spool,
            ["TAXII_PUSH_COLLECTIONS"] = $"{CollectionA}:Partner A,{CollectionB}:Partner B",
            ["TAXII_PUSH_USERS"] = $"alice:{AlicePassword}@{CollectionA},token:{PartnerToken}@*",
            ["CONNECTOR_LOG_LEVEL"] = "info",
        };
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return environment;
    }

    public static async Task<PushConnector> StartAsync(params (string Name, string? Value)[] overrides)
    {
        var directory = new TempDirectory();
        var sink = new RecordingPushSink();
        var log = new ConcurrentLogWriter();
        var invocation = new ConnectorInvocation
        {
            Command = "run",
            DryRun = true,
            OutputDirectory = directory.Combine("output"),
            Environment = Environment(directory.Combine("spool"), overrides),
        };
        var builder = ConnectorHost.CreateBuilder(invocation, log);
        builder.Services.AddSingleton<IBundleSink>(sink);
        builder.Services.PostConfigure<PushConsumerOptions>(options =>
        {
            options.RetryDelay = TimeSpan.FromMilliseconds(10);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(50);

            // The waits are shortened, so the bounds are widened to match: these tests model a platform that is down for
            // a while and comes back, which the default 50 deliveries would outlast only at the default waits.
            options.DeliveryAttempts = int.MaxValue;
        });
        builder.Services.PostConfigure<PipelineOptions>(options =>
        {
            options.PushAttempts = 2;
            options.PushRetryDelay = TimeSpan.FromMilliseconds(5);
            options.PushRetryMaxDelay = TimeSpan.FromMilliseconds(10);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var endpoint = await host.Services.GetRequiredService<TaxiiPushEndpoint>().Started.WaitAsync(TimeSpan.FromSeconds(60));
            return new PushConnector(host, directory, endpoint, sink, log);
        }
        catch
        {
            host.Dispose();
            directory.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            _host.Dispose();
            _directory.Dispose();
        }
    }
}

/// <summary>Records every acknowledged bundle's objects; refuses pushes while <see cref="Failing"/> is set.</summary>
internal sealed class RecordingPushSink : IBundleSink
{
    private readonly Lock _gate = new();
    private readonly List<JsonElement> _objects = [];
    private readonly List<PushContext> _contexts = [];

    public string Name => "recording";

    public volatile bool Failing;

    public int RefusedAttempts;

    public IReadOnlyList<JsonElement> Objects
    {
        get
        {
            lock (_gate)
            {
                return [.. _objects];
            }
        }
    }

    public IReadOnlyList<PushContext> Contexts
    {
        get
        {
            lock (_gate)
            {
                return [.. _contexts];
            }
        }
    }

    public ValueTask PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            Interlocked.Increment(ref RefusedAttempts);
            throw new BundleNotDeliveredException("the platform is unavailable");
        }

        using var document = JsonDocument.Parse(bundle.Json);
        lock (_gate)
        {
            _objects.AddRange(document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.Clone()));
            _contexts.Add(context);
        }

        return ValueTask.CompletedTask;
    }
}
