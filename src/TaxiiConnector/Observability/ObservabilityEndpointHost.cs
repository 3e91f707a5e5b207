using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;
using TaxiiConnector.Reports;

namespace TaxiiConnector.Observability;

/// <summary>
/// Serves <c>/healthz</c> (the process answers; <c>/healthz?lag</c> adds each collection's lag against
/// <c>metrics.max_lag</c>, <see cref="LagCheck"/>, 503 when one is above it), <c>/readyz</c> (<see cref="ReadinessCheck"/>;
/// 503 with a JSON reason list when not ready), <c>/metrics</c> (Prometheus text) and <c>/runs/latest</c> (the newest run
/// report; 404 before the first run) on a small Kestrel server of its own, beside the connector's generic host, when
/// <c>connector.expose_metrics</c> is true.
/// </summary>
internal sealed partial class ObservabilityEndpointHost : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly ObservabilityEndpointOptions _options;
    private readonly ConnectorMetrics _metrics;
    private readonly ReadinessCheck _readiness;
    private readonly LagCheck _lag;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<ObservabilityEndpointHost> _logger;
    private readonly RunReportStore? _reports;
    private WebApplication? _app;

    public ObservabilityEndpointHost(IOptions<ObservabilityEndpointOptions> options, ConnectorMetrics metrics, ReadinessCheck readiness,
        LagCheck lag, ILoggerFactory loggerFactory, RunReportStore? reports = null)
    {
        _lag = lag;
        _reports = reports;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _metrics = metrics;
        _readiness = readiness;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ObservabilityEndpointHost>();
    }

    /// <summary>The bound base URL (<c>http://127.0.0.1:41234/</c>) once started; null when the endpoints are off.</summary>
    public Uri? BaseUrl { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ObservabilityEndpointHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, OwnerControlledLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024;
            kestrel.Listen(_options.Address, _options.Port);
        });

        var app = builder.Build();
        app.MapGet("/healthz", WriteHealthAsync);
        app.MapGet("/readyz", WriteReadinessAsync);
        app.MapGet("/metrics", WriteMetricsAsync);
        app.MapGet("/runs/latest", () => _reports?.ReadLatest() is { } report
            ? Results.Bytes(report, "application/json")
            : Results.NotFound());
        try
        {
            // Not the host's start token: a run-once run can end (and stop the host) while this binds, and the
            // endpoints must still come up and go down cleanly rather than fail the start.
            await app.StartAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            await app.DisposeAsync();
            Log.BindFailed(_logger, _options.Address.ToString(), _options.Port, ex.Message);
            throw;
        }

        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        BaseUrl = address is null ? null : new Uri(address.TrimEnd('/') + "/");
        Log.Listening(_logger, BaseUrl?.ToString() ?? $"{_options.Address}:{_options.Port}");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(StopTimeout);
        try
        {
            await _app.StopAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The host is going away; open scrapes are cut.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>"ok" while the process answers; with <c>?lag</c>, the lag view instead.</summary>
    private async Task WriteHealthAsync(HttpContext context)
    {
        if (!context.Request.Query.ContainsKey("lag"))
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok\n", context.RequestAborted);
            return;
        }

        var result = _lag.Evaluate();
        context.Response.StatusCode = result.WithinMaxLag ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status"u8, result.WithinMaxLag ? "within max_lag" : "lagging");
        writer.WriteString("max_lag"u8, Configuration.IsoDuration.Format(_lag.MaxLag));
        writer.WriteStartArray("collections"u8);
        foreach (var collection in result.Collections)
        {
            writer.WriteStartObject();
            writer.WriteString("source"u8, collection.Source);
            writer.WriteString("collection"u8, collection.Collection);
            writer.WriteString("lag"u8, Configuration.IsoDuration.Format(collection.Lag));
            writer.WriteBoolean("above_max_lag"u8, collection.AboveMaxLag);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("reasons"u8);
        foreach (var reason in result.Reasons)
        {
            writer.WriteStringValue(reason);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private async Task WriteReadinessAsync(HttpContext context)
    {
        var result = _readiness.Evaluate();
        context.Response.StatusCode = result.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status"u8, result.IsReady ? "ready" : "not ready");
        writer.WriteStartArray("reasons"u8);
        foreach (var reason in result.Reasons)
        {
            writer.WriteStringValue(reason);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private async Task WriteMetricsAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await _metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>Stopped with the connector's host, never by its own console lifetime.</summary>
    private sealed class OwnerControlledLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.ObservabilityListening, EventName = nameof(LogEventIds.ObservabilityListening), Level = LogLevel.Information,
            Message = "Health and metrics endpoints listening on {Url} (/healthz, /readyz, /metrics, /runs/latest)")]
        public static partial void Listening(ILogger logger, string url);

        [LoggerMessage(EventId = LogEventIds.ObservabilityBindFailed, EventName = nameof(LogEventIds.ObservabilityBindFailed), Level = LogLevel.Error,
            Message = "Could not listen on {Address}:{Port} for the health and metrics endpoints (connector.metrics_port): {Reason}")]
        public static partial void BindFailed(ILogger logger, string address, int port, string reason);
    }
}
