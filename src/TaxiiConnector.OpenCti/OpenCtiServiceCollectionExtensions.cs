using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using TaxiiConnector.OpenCti.Amqp;
using TaxiiConnector.OpenCti.Buffering;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Ping;
using TaxiiConnector.OpenCti.Registration;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.OpenCti.Works;

namespace TaxiiConnector.OpenCti;

public static class OpenCtiServiceCollectionExtensions
{
    /// <summary>The named/typed HttpClient of <see cref="OpenCtiGraphQLClient"/>.</summary>
    public const string HttpClientName = "opencti";

    /// <summary>Registers the OpenCTI integration configured by <paramref name="configure"/> (see the overload taking a setup).</summary>
    public static IServiceCollection AddOpenCti(this IServiceCollection services, Action<OpenCtiClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddOpenCti(new ConfigureOptions<OpenCtiClientOptions>(configure));
    }

    /// <summary>
    /// Registers the OpenCTI integration and chooses the implementations of <see cref="IBundleSink"/>,
    /// <see cref="IStateStore"/> and <see cref="IWorkTracker"/>:
    /// <list type="bullet">
    /// <item>dry run (<see cref="OpenCtiClientOptions.DryRunOutputDirectory"/> set): <see cref="DirectorySink"/>,
    /// <see cref="FileStateStore"/>, <see cref="NullWorkTracker"/>; no platform call, no ping;</item>
    /// <item>otherwise <see cref="OpenCtiAmqpSink"/> or <see cref="OpenCtiApiSink"/> (<see cref="OpenCtiClientOptions.QueueProtocol"/>),
    /// <see cref="OpenCtiStateStore"/>, <see cref="OpenCtiWorkTracker"/>, and the <see cref="ConnectorPinger"/> hosted service.</item>
    /// </list>
    /// <paramref name="setup"/> runs once here to make that choice, and again for <c>IOptions</c> (validated at start).
    /// Also registered: <see cref="QueueBufferingCheck"/> (never skips in a dry run), <see cref="ConnectorSession"/>,
    /// <see cref="ConnectorRunInfo"/> and the typed <see cref="OpenCtiGraphQLClient"/>.
    /// </summary>
    public static IServiceCollection AddOpenCti(this IServiceCollection services, IConfigureOptions<OpenCtiClientOptions> setup)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(setup);

        var choice = new OpenCtiClientOptions();
        setup.Configure(choice);

        services.AddSingleton(setup);
        services.AddOptions<OpenCtiClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenCtiClientOptions>, OpenCtiClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        services.TryAddSingleton<ConnectorStateDocument>();
        services.TryAddSingleton<ConnectorRunInfo>();
        services.TryAddSingleton<RegistrationSchemaProbe>();
        services.TryAddSingleton<ConnectorRegistrar>();
        services.TryAddSingleton<ConnectorSession>();
        services.TryAddSingleton<QueueBufferingCheck>();
        AddGraphQLClient(services);

        if (choice.DryRunOutputDirectory is { } output)
        {
            var statePath = choice.StateFilePath ?? Path.Combine(output, "state.json");
            services.TryAddSingleton<IBundleSink>(sp => new DirectorySink(output, sp.GetRequiredService<ILogger<DirectorySink>>()));
            services.TryAddSingleton<IStateStore>(sp => new FileStateStore(statePath));
            services.TryAddSingleton<IWorkTracker>(NullWorkTracker.Instance);
            return services;
        }

        services.TryAddSingleton<ConnectorPinger>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectorPinger>());
        services.TryAddSingleton<IStateStore, OpenCtiStateStore>();
        services.TryAddSingleton<IWorkTracker, OpenCtiWorkTracker>();
        if (choice.QueueProtocol == QueueProtocol.Api)
        {
            services.TryAddSingleton<IBundleSink, OpenCtiApiSink>();
        }
        else
        {
            services.AddAmqpPublishPipeline();
            services.TryAddSingleton<IBundleSink, OpenCtiAmqpSink>();
        }

        return services;
    }

    private static void AddGraphQLClient(IServiceCollection services)
    {
        var builder = services.AddHttpClient<OpenCtiGraphQLClient>(HttpClientName, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<OpenCtiClientOptions>>().Value;
                if (options.Url is not null)
                {
                    client.BaseAddress = EnsureTrailingSlash(options.Url);
                }

                // The resilience pipeline owns timeouts (per attempt and retries).
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("TaxiiConnector", options.Version));
                if (!string.IsNullOrEmpty(options.Token))
                {
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
                }

                foreach (var (name, value) in CustomHeaders.Parse(options.CustomHeaders))
                {
                    client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
                }
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<OpenCtiClientOptions>>().Value;
                var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
                if (!options.SslVerify)
                {
                    handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
                }

                return handler;
            });

        // Long-lived singletons hold this typed client, so the handler is never rotated: PooledConnectionLifetime above
        // refreshes DNS instead.
        builder.SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        // Default HttpClient logging prints request headers at Trace; the token must never reach a log line.
        builder.RedactLoggedHeaders(["Authorization"]);

        builder.AddResilienceHandler("opencti", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<OpenCtiClientOptions>>().Value;
            if (options.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    Delay = options.RetryBaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    MaxDelay = TimeSpan.FromMinutes(1),
                    ShouldHandle = args => ValueTask.FromResult(OpenCtiRetryPredicate.ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
                    OnRetry = OpenCtiRetryLog.OnRetry(
                        context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("TaxiiConnector.OpenCti.Retry"), options.MaxRetryAttempts),
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });
    }

    private static Uri EnsureTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
