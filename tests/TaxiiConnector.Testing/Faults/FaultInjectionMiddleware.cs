using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using TaxiiConnector.Server.Storage;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Testing.Faults;

/// <summary>
/// Runs an <see cref="IFaultPlan"/> in front of the project's TAXII server, through the server's only seam for it
/// (<c>TaxiiServerOptions.ConfigureMiddleware</c>): the server's endpoints know nothing of faults.
/// </summary>
/// <remarks>
/// Status faults answer before the endpoint runs. For Get Objects the middleware holds the server's body, notes which
/// page each <c>next</c> leads to (that is how it numbers pages without reading the server's cursors), and, when a body
/// fault applies, rewrites or cuts the body before it leaves.
/// </remarks>
/// <example>
/// <code>
/// await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions
/// {
///     Store = store,
///     ConfigureMiddleware = FaultInjectionMiddleware.For(new ScriptedFaultPlan().OnPage(2, TaxiiFault.ServiceUnavailable())),
/// });
/// </code>
/// </example>
public sealed partial class FaultInjectionMiddleware
{
    private const string RepeatTokenPrefix = "fault-repeat-";

    private readonly IFaultPlan _plan;
    private readonly RequestDelegate _next;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, int> _pageOfNext = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string? OriginalNext, int PageNumber)> _repeats = new(StringComparer.Ordinal);
    private long _requestCount;
    private long _objectsRequestCount;

    private FaultInjectionMiddleware(IFaultPlan plan, RequestDelegate next, ILogger logger)
    {
        _plan = plan;
        _next = next;
        _logger = logger;
    }

    /// <summary>The middleware for <c>TaxiiServerOptions.ConfigureMiddleware</c>; null when <paramref name="plan"/> is null.</summary>
    public static Action<IApplicationBuilder>? For(IFaultPlan? plan) =>
        plan is null
            ? null
            : app =>
            {
                ILogger logger = app.ApplicationServices.GetService<ILoggerFactory>()?.CreateLogger<FaultInjectionMiddleware>() ?? (ILogger)NullLogger.Instance;
                app.Use(next => new FaultInjectionMiddleware(plan, next, logger).InvokeAsync);
            };

    private async Task InvokeAsync(HttpContext context)
    {
        var (endpoint, collectionId) = Classify(context.Request);
        var requestNumber = Interlocked.Increment(ref _requestCount);
        var objectsRequestNumber = endpoint == TaxiiEndpoint.Objects ? Interlocked.Increment(ref _objectsRequestCount) : 0;
        var pageNumber = endpoint == TaxiiEndpoint.Objects ? ResolvePageNumber(context.Request) : 0;

        var fault = _plan.Decide(new FaultRequestContext(endpoint, requestNumber, objectsRequestNumber, pageNumber, collectionId));
        if (fault is not null)
        {
            LogFaultInjected(_logger, fault.Kind, fault.StatusCode, requestNumber, endpoint, pageNumber);
        }

        if (fault?.Kind == TaxiiFaultKind.Status)
        {
            await WriteStatusFaultAsync(context, fault).ConfigureAwait(false);
            return;
        }

        if (endpoint != TaxiiEndpoint.Objects)
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        var body = await CaptureBodyAsync(context).ConfigureAwait(false);
        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            await SendAsync(context.Response, body, body.Length).ConfigureAwait(false);
            return;
        }

        RememberNext(body, pageNumber);
        await SendWithFaultAsync(context, body, fault, pageNumber).ConfigureAwait(false);
    }

    /// <summary>Which endpoint a path is, from its shape: <c>/taxii2/</c>, then <c>/{root}/</c>, <c>collections/</c>, <c>{id}/</c>, <c>objects/</c> or <c>manifest/</c>.</summary>
    private static (TaxiiEndpoint Endpoint, string? CollectionId) Classify(HttpRequest request)
    {
        var segments = (request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!HttpMethods.IsGet(request.Method))
        {
            return (TaxiiEndpoint.Other, segments.Length >= 3 ? segments[2] : null);
        }

        return segments switch
        {
            ["taxii2"] => (TaxiiEndpoint.Discovery, null),
            [_] => (TaxiiEndpoint.ApiRoot, null),
            [_, "collections"] => (TaxiiEndpoint.Collections, null),
            [_, "collections", var id] => (TaxiiEndpoint.Collection, Uri.UnescapeDataString(id)),
            [_, "collections", var id, "objects"] => (TaxiiEndpoint.Objects, Uri.UnescapeDataString(id)),
            [_, "collections", var id, "manifest"] => (TaxiiEndpoint.Manifest, Uri.UnescapeDataString(id)),
            [_, "collections", var id, ..] => (TaxiiEndpoint.Other, Uri.UnescapeDataString(id)),
            _ => (TaxiiEndpoint.Other, null),
        };
    }

    /// <summary>1 without <c>next</c>; the page a seen <c>next</c> leads to; a repeat token's page (the request is rewritten to the page's own query).</summary>
    private int ResolvePageNumber(HttpRequest request)
    {
        var next = request.Query["next"].ToString();
        if (string.IsNullOrEmpty(next))
        {
            return 1;
        }

        if (_repeats.TryGetValue(next, out var repeat))
        {
            var query = new Dictionary<string, StringValues>(request.Query, StringComparer.Ordinal);
            query.Remove("next");
            if (repeat.OriginalNext is not null)
            {
                query["next"] = repeat.OriginalNext;
            }

            request.QueryString = QueryString.Create(query);
            return repeat.PageNumber;
        }

        return _pageOfNext.TryGetValue(next, out var page) ? page : 0;
    }

    private void RememberNext(byte[] body, int pageNumber)
    {
        if (pageNumber > 0 && Envelope.TryParse(body, out var envelope) && envelope.Next is { } next)
        {
            _pageOfNext[next] = pageNumber + 1;
        }
    }

    private async Task<byte[]> CaptureBodyAsync(HttpContext context)
    {
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var capture = new StreamResponseBodyFeature(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await capture.StartAsync(context.RequestAborted).ConfigureAwait(false);
            await _next(context).ConfigureAwait(false);
            await capture.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(original);
        }

        return buffer.ToArray();
    }

    private async Task SendWithFaultAsync(HttpContext context, byte[] body, TaxiiFault? fault, int pageNumber)
    {
        var response = context.Response;
        switch (fault?.Kind)
        {
            case TaxiiFaultKind.ResetMidBody:
                // Announce the whole body, send part of it, and end: Kestrel then closes the connection once the partial
                // body is on the wire, and the client fails reading the rest. HttpContext.Abort() after a flush would race
                // the socket (an abort drops output not yet sent, so the client may see the reset before any byte).
                response.ContentLength = body.Length;
                await WriteAsync(response, body.AsMemory(0, Cut(body, fault))).ConfigureAwait(false);
                return;
            case TaxiiFaultKind.TruncatedJson:
                await SendAsync(response, body, Cut(body, fault)).ConfigureAwait(false);
                return;
            case TaxiiFaultKind.RepeatPage:
                // Deterministic, so two servers given the same plan serve the same bytes.
                var originalNext = context.Request.Query["next"].ToString();
                var token = string.Create(CultureInfo.InvariantCulture, $"{RepeatTokenPrefix}{pageNumber}.{originalNext}");
                _repeats[token] = (string.IsNullOrEmpty(originalNext) ? null : originalNext, pageNumber);
                body = Envelope.Parse(body).With(more: true, next: token).ToBytes();
                break;
            case TaxiiFaultKind.MoreWithoutNext:
                body = Envelope.Parse(body).With(more: true, next: null).ToBytes();
                break;
            case TaxiiFaultKind.InvalidObject:
                body = Envelope.Parse(body).Inserting(fault.InvalidObjectPosition, fault.InvalidObjectJson).ToBytes();
                break;
        }

        await SendAsync(response, body, body.Length).ConfigureAwait(false);
    }

    private static int Cut(byte[] body, TaxiiFault fault) =>
        Math.Clamp((int)(body.Length * fault.BodyFraction), 1, Math.Max(1, body.Length - 1));

    private static async Task SendAsync(HttpResponse response, byte[] body, int length)
    {
        response.ContentLength = length;
        await WriteAsync(response, body.AsMemory(0, length)).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> bytes)
    {
        await response.Body.WriteAsync(bytes, response.HttpContext.RequestAborted).ConfigureAwait(false);
        await response.Body.FlushAsync(response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteStatusFaultAsync(HttpContext context, TaxiiFault fault)
    {
        var response = context.Response;
        response.StatusCode = fault.StatusCode;
        response.ContentType = TaxiiMediaTypes.Taxii21;
        if (fault.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var error = new Dictionary<string, string>
        {
            ["title"] = "Injected fault",
            ["description"] = $"The test server was told to answer {fault.StatusCode}.",
            ["http_status"] = fault.StatusCode.ToString(CultureInfo.InvariantCulture),
        };
        await response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(error), context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1, EventName = "FaultInjected", Level = LogLevel.Information, Message = "Injecting fault {FaultKind} (status {StatusCode}) into request {RequestNumber} ({Endpoint}, page {PageNumber})")]
    private static partial void LogFaultInjected(ILogger logger, TaxiiFaultKind faultKind, int statusCode, long requestNumber, TaxiiEndpoint endpoint, int pageNumber);

    /// <summary>A served envelope taken apart: <c>more</c>, <c>next</c> and each object's raw JSON, to be written back changed.</summary>
    private sealed record Envelope(bool More, string? Next, IReadOnlyList<string> Objects)
    {
        public static Envelope Parse(byte[] body) =>
            TryParse(body, out var envelope) ? envelope : throw new InvalidOperationException("The server's body is not a TAXII envelope.");

        public static bool TryParse(byte[] body, out Envelope envelope)
        {
            envelope = null!;
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                var more = root.TryGetProperty("more", out var moreValue) && moreValue.ValueKind == JsonValueKind.True;
                var next = root.TryGetProperty("next", out var nextValue) ? nextValue.GetString() : null;
                var objects = root.TryGetProperty("objects", out var array)
                    ? array.EnumerateArray().Select(item => item.GetRawText()).ToList()
                    : [];
                envelope = new Envelope(more, next, objects);
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        public Envelope With(bool more, string? next) => this with { More = more, Next = next };

        /// <summary>Inserts one object at <paramref name="position"/> (clamped to the page; null = the middle).</summary>
        public Envelope Inserting(int? position, string json)
        {
            var objects = Objects.ToList();
            objects.Insert(Math.Min(position ?? (objects.Count / 2), objects.Count), json);
            return this with { Objects = objects };
        }

        public byte[] ToBytes()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, TaxiiObjectJson.WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteBoolean("more"u8, More);
                if (Next is not null)
                {
                    writer.WriteString("next"u8, Next);
                }

                if (Objects.Count > 0)
                {
                    writer.WriteStartArray("objects"u8);
                    foreach (var item in Objects)
                    {
                        writer.WriteRawValue(Encoding.UTF8.GetBytes(item), skipInputValidation: true);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }
    }
}
