using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Sources.CyberThreatExchange.Pagination;
using TaxiiConnector.Taxii.Resilience;

namespace TaxiiConnector.Sources.CyberThreatExchange.Http;

/// <summary>A feed the API key's team subscribes to, as <c>GET v1/subscriptions/</c> lists it.</summary>
internal sealed record CtxSubscription(string FeedId, string FeedName, string Status)
{
    public bool IsActive => string.Equals(Status, "active", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Typed client of the Cyber Threat Exchange REST API. The <c>API-KEY</c>
/// header comes from <see cref="ApiKeyHandler"/>, retries with backoff and <c>Retry-After</c> from the resilience
/// handler registered with the client; this class checks statuses, parses every page from the response stream and
/// follows the pagination until the server says it is done or a guard stops it.
/// </summary>
internal sealed class CtxFeedsClient
{
    /// <summary>A 200-object page of STIX is well under this; anything bigger is not a page we want in memory.</summary>
    internal const long MaxPageBytes = 64L * 1024 * 1024;

    private const int ErrorExcerptChars = 300;

    private readonly HttpClient _http;
    private readonly CyberThreatExchangeOptions _options;
    private readonly ILogger<CtxFeedsClient> _logger;

    public CtxFeedsClient(HttpClient http, IOptions<CyberThreatExchangeOptions> options, ILogger<CtxFeedsClient> logger)
    {
        _http = http;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>All subscriptions of the key's team, across every page of <c>GET v1/subscriptions/</c>.</summary>
    public async IAsyncEnumerable<CtxSubscription> GetSubscriptionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var list = new CtxListRequest("v1/subscriptions/", "results", "cursor", null, "subscriptions");
        await foreach (var page in ReadListAsync(list, cancellationToken))
        {
            using (page)
            {
                foreach (var item in page.Items)
                {
                    if (ToSubscription(item) is { } subscription)
                        yield return subscription;
                    else
                        Log.SubscriptionMalformed(_logger);
                }
            }
        }
    }

    /// <summary>
    /// The non-empty pages of <c>GET v1/feeds/{id}/objects/</c>, from <paramref name="addedAfter"/> (the whole feed
    /// when null). The caller owns (disposes) each page.
    /// </summary>
    public IAsyncEnumerable<CtxPage> GetFeedObjectsAsync(string feedId, string? addedAfter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedId);
        var path = $"v1/feeds/{Uri.EscapeDataString(feedId)}/objects/";
        return ReadListAsync(new CtxListRequest(path, "objects", "added_after", addedAfter, $"feed {feedId}"), cancellationToken);
    }

    private async IAsyncEnumerable<CtxPage> ReadListAsync(CtxListRequest list, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var baseUri = _options.BaseUri;
        var request = CtxPageRequest.Build(baseUri, list, list.InitialCursor, null);
        long received = 0;

        // Provable exit: NextPageResolver stops at max_pages at the latest, and every other step either ends or moves
        // to a request whose cursor, URL or page number differs from the one just read.
        for (var pageNumber = 1; ; pageNumber++)
        {
            var (document, serverDate) = await FetchAsync(request.Uri, cancellationToken);
            NextPageDecision decision;
            List<JsonElement> items;
            try
            {
                items = Items(document.RootElement, list, request.Uri);
                received += items.Count;
                decision = NextPageResolver.Resolve(document.RootElement, items.Count, received, request, pageNumber, _options.MaxPages, baseUri, list);
            }
            catch
            {
                document.Dispose();
                throw;
            }

            Log.PageRead(_logger, list.Description, pageNumber, items.Count);
            if (decision.StopReason is { } reason)
                Log.ListingStopped(_logger, decision.StopLevel, list.Description, reason);

            if (items.Count > 0)
                yield return new CtxPage(pageNumber, document, items, decision.ResumeCursor, decision.IsDone, serverDate);
            else
                document.Dispose();

            if (decision.Next is null)
                yield break;
            request = decision.Next;
        }
    }

    private async Task<(JsonDocument Document, DateTimeOffset? ServerDate)> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

        // Not logged here: the run logs a failed source once, with this message as its one line.
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new CtxAccessDeniedException(
                $"Cyber Threat Exchange refused the API key with HTTP {(int)response.StatusCode} on GET {uri.AbsolutePath}: the key is invalid or revoked, or its team's plan has no API access (check CYBERTHREATEXCHANGE_API_KEY / cyberthreatexchange.api_key)",
                response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            var excerpt = await ErrorExcerptAsync(response, cancellationToken);
            throw new CtxApiException(
                $"Cyber Threat Exchange answered HTTP {(int)response.StatusCode} on GET {uri.PathAndQuery}{excerpt}",
                response.StatusCode);
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var limited = new SizeLimitedReadStream(stream, MaxPageBytes);
            var document = await JsonDocument.ParseAsync(limited, default, cancellationToken);
            return (document, response.Headers.Date);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException or HttpRequestException)
        {
            throw new CtxApiException($"Cyber Threat Exchange GET {uri.PathAndQuery}: the response could not be read as JSON ({ex.Message})", response.StatusCode, ex);
        }
    }

    private static List<JsonElement> Items(JsonElement root, CtxListRequest list, Uri uri)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(list.ListKey, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new CtxApiException($"Cyber Threat Exchange GET {uri.PathAndQuery}: the response has no '{list.ListKey}' array");

        var items = new List<JsonElement>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
            items.Add(item);
        return items;
    }

    private static CtxSubscription? ToSubscription(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("feed", out var feed) || feed.ValueKind != JsonValueKind.Object
            || !feed.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()))
        {
            return null;
        }

        var name = feed.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString()! : id.GetString()!;
        var status = item.TryGetProperty("subscription", out var subscription) && subscription.ValueKind == JsonValueKind.Object
            && subscription.TryGetProperty("status", out var statusElement) && statusElement.ValueKind == JsonValueKind.String
            ? statusElement.GetString()!
            : "unknown";
        return new CtxSubscription(id.GetString()!.Trim(), name, status);
    }

    /// <summary>The API's own error text (<c>detail</c> or <c>message</c>), short, with the key scrubbed should a server echo it.</summary>
    private async Task<string> ErrorExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new SizeLimitedReadStream(await response.Content.ReadAsStreamAsync(cancellationToken), 64 * 1024);
            using var document = await JsonDocument.ParseAsync(stream, default, cancellationToken);
            var root = document.RootElement;
            var text = root.ValueKind == JsonValueKind.Object
                && (root.TryGetProperty("detail", out var detail) || root.TryGetProperty("message", out detail))
                && detail.ValueKind == JsonValueKind.String ? detail.GetString() : null;
            if (string.IsNullOrWhiteSpace(text))
                return "";
            if (!string.IsNullOrEmpty(_options.ApiKey))
                text = text.Replace(_options.ApiKey, "***", StringComparison.Ordinal);
            text = text.ReplaceLineEndings(" ");
            return ": " + (text.Length > ErrorExcerptChars ? text[..ErrorExcerptChars] + "..." : text);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException or HttpRequestException)
        {
            return "";
        }
    }
}
