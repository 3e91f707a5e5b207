using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Hosting;
using TaxiiConnector.Observability;
using TaxiiConnector.OpenCti;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Scheduling;
using TaxiiConnector.Taxii.DependencyInjection;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.IntegrationTests.Observability;

/// <summary>
/// The connector's real host (<see cref="ConnectorHost.CreateBuilder"/>: configuration from environment variables,
/// Serilog into <see cref="LogOutput"/>, scheduler, pipeline, observability) with the endpoints on a free loopback port,
/// short real retry delays and, optionally, a fake clock.
/// </summary>
internal sealed class ObservedConnectorHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private ObservedConnectorHost(IHost host, StringWriter logOutput)
    {
        _host = host;
        LogOutput = logOutput;
    }

    /// <summary>Everything the host logged, formatted by Serilog as the console would show it.</summary>
    public StringWriter LogOutput { get; }

    public IServiceProvider Services => _host.Services;

    public ConnectorRunStatus Runs => _host.Services.GetRequiredService<ConnectorRunStatus>();

    public Uri BaseUrl => _host.Services.GetRequiredService<ObservabilityEndpointHost>().BaseUrl
        ?? throw new InvalidOperationException("The observability endpoints are not running.");

    /// <summary>
    /// Builds the host the way <c>run</c> does and validates the configuration; <see cref="StartAsync"/> starts it.
    /// </summary>
    public static ObservedConnectorHost Create(
        IReadOnlyDictionary<string, string?> environment,
        ConnectorInvocation invocation,
        TimeProvider? time = null)
    {
        var env = new Dictionary<string, string?>(environment, StringComparer.Ordinal)
        {
            ["CONNECTOR_EXPOSE_METRICS"] = "true",
            ["METRICS_HOST"] = "127.0.0.1",
        };
        foreach (var (key, value) in environment)
        {
            env[key] = value;
        }

        var logOutput = new StringWriter(CultureInfo.InvariantCulture);
        var builder = ConnectorHost.CreateBuilder(invocation with { Environment = env }, logOutput);
        if (time is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(time));
        }

        builder.Services.PostConfigure<ObservabilityEndpointOptions>(options => options.Port = 0);
        builder.Services.PostConfigure<Taxii2ClientOptions>(Taxii2ServiceCollectionExtensions.DefaultName, options => options.RetryBaseDelay = TimeSpan.FromMilliseconds(5));
        builder.Services.PostConfigure<PipelineOptions>(options =>
        {
            options.PushRetryDelay = TimeSpan.FromMilliseconds(5);
            options.PushRetryMaxDelay = TimeSpan.FromMilliseconds(20);
            options.PushAttempts = 2;
        });
        builder.Services.PostConfigure<OpenCtiClientOptions>(options =>
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            options.MaxRetryAttempts = 1;
            options.AmqpRetryBaseDelay = TimeSpan.FromMilliseconds(5);
            options.AmqpMaxRetryDelay = TimeSpan.FromMilliseconds(20);
        });

        var host = builder.Build();
        var problems = StartupValidation.Collect(host.Services);
        if (problems.Count > 0)
        {
            host.Dispose();
            throw new InvalidOperationException("configuration problems: " + string.Join("; ", problems));
        }

        return new ObservedConnectorHost(host, logOutput);
    }

    public Task StartAsync() => _host.StartAsync(CancellationToken.None);

    /// <summary>Runs the host until it stops by itself (run-once) or <paramref name="patience"/> ends; returns its exit code.</summary>
    public async Task<int> RunToEndAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);

        // Read before: RunAsync disposes the host's services when it returns.
        var runs = Runs;
        await _host.RunAsync(timeout.Token);
        return runs.ExitCode;
    }

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(BaseUrl, path));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<PrometheusText> ScrapeAsync()
    {
        var (status, body) = await GetAsync("metrics");
        status.Should().Be(200);
        return PrometheusText.Parse(body);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            await _host.StopAsync(CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // RunAsync already stopped and disposed it.
        }

        _host.Dispose();
    }
}
