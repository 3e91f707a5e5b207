using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Cli;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Taxii.DependencyInjection;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.IntegrationTests.Infrastructure;

/// <summary>
/// The connector's real composition (<see cref="PipelineServiceCollectionExtensions.AddConnectorPipeline"/>) for a dry run
/// into a directory, built in-process so a test can swap the sink or the clock and read the state store.
/// Real waits are kept tiny: the TAXII client's and the pipeline's retry delays are milliseconds.
/// </summary>
internal sealed class InProcessConnector : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private InProcessConnector(ServiceProvider provider, ListLoggerProvider logs)
    {
        _provider = provider;
        Logs = logs;
    }

    public ListLoggerProvider Logs { get; }

    public ConnectorRunner Runner => _provider.GetRequiredService<ConnectorRunner>();

    public IStateStore State => _provider.GetRequiredService<IStateStore>();

    public static InProcessConnector Create(
        Uri discoveryUrl,
        string outputDirectory,
        IBundleSink? sink = null,
        TimeProvider? timeProvider = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<PipelineOptions>? pipeline = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["taxii2:discovery_url"] = discoveryUrl.AbsoluteUri,
            // The generated collections start in January 2026; look back far enough for any machine clock.
            ["taxii2:initial_history"] = "87600",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var invocation = new ConnectorInvocation { Command = "run", Once = true, DryRun = true, OutputDirectory = outputDirectory };
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        if (sink is not null)
        {
            // Registered first: the composition only adds its own sink when none is there.
            services.AddSingleton(sink);
        }

        services.AddConnectorPipeline(configuration, invocation);
        services.PostConfigure<Taxii2ClientOptions>(Taxii2ServiceCollectionExtensions.DefaultName, options =>
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            options.MaxRetries = 5;
        });
        services.PostConfigure<PipelineOptions>(options =>
        {
            options.PushRetryDelay = TimeSpan.FromMilliseconds(5);
            options.PushRetryMaxDelay = TimeSpan.FromMilliseconds(20);
            pipeline?.Invoke(options);
        });
        return new InProcessConnector(services.BuildServiceProvider(validateScopes: true), logs);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
