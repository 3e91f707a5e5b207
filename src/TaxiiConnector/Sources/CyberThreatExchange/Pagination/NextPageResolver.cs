using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Sources.CyberThreatExchange.Pagination;

/// <summary>What to do after a page: follow <see cref="Next"/>, or end (normally, or with a logged reason).</summary>
internal sealed record NextPageDecision(CtxPageRequest? Next, string? ResumeCursor, string? StopReason, LogLevel StopLevel)
{
    public static readonly NextPageDecision Done = new(null, null, null, LogLevel.None);

    public bool IsDone => Next is null && StopReason is null;

    public static NextPageDecision Follow(CtxPageRequest next, string? resumeCursor) => new(next, resumeCursor, null, LogLevel.None);

    public static NextPageDecision Stop(string reason, LogLevel level, string? resumeCursor = null) => new(null, resumeCursor, reason, level);
}

/// <summary>
/// The API's three pagination styles, checked in the Python connector's order:
/// an absolute <c>next</c> URL is followed as-is; any other <c>next</c> is a cursor sent back in the listing's cursor
/// parameter; without <c>next</c>, <c>page_number + 1</c> while fewer items than <c>total_results_count</c> arrived.
/// Unlike the Python loop it ends on an empty page, a cursor, URL or page number that does not advance, a <c>next</c>
/// that is not a string, a <c>next</c> URL on another host, and after <c>max_pages</c> pages: every listing ends.
/// </summary>
internal static class NextPageResolver
{
    public static NextPageDecision Resolve(
        JsonElement root,
        int itemCount,
        long receivedSoFar,
        CtxPageRequest current,
        int pagesRead,
        int maxPages,
        Uri baseUri,
        CtxListRequest list)
    {
        var next = root.TryGetProperty("next", out var nextElement) ? nextElement : default;
        var total = root.TryGetProperty("total_results_count", out var totalElement) && totalElement.ValueKind == JsonValueKind.Number
            && totalElement.TryGetInt64(out var totalValue) ? totalValue : (long?)null;
        var hasNext = next.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False)
            && !(next.ValueKind == JsonValueKind.String && string.IsNullOrEmpty(next.GetString()));

        if (itemCount == 0)
        {
            // dogesec_commons answers a page past the end with an empty list rather than an error: without this the
            // Python page-number loop asks for the next page forever.
            return hasNext || receivedSoFar < total
                ? NextPageDecision.Stop($"page {pagesRead} is empty although the server reported more; ending the listing here", LogLevel.Warning)
                : NextPageDecision.Done;
        }

        if (hasNext)
            return next.ValueKind == JsonValueKind.String
                ? ResolveNext(next.GetString()!, current, pagesRead, maxPages, baseUri, list)
                : NextPageDecision.Stop($"'next' is a JSON {next.ValueKind}, not a URL or cursor string; ending the listing", LogLevel.Error);

        if (total is null || receivedSoFar >= total)
            return NextPageDecision.Done;

        var answeredPage = root.TryGetProperty("page_number", out var pageElement) && pageElement.ValueKind == JsonValueKind.Number
            && pageElement.TryGetInt32(out var pageValue) ? pageValue : current.PageNumber ?? 1;
        var nextPage = answeredPage + 1;
        if (nextPage <= (current.PageNumber ?? 1))
            return NextPageDecision.Stop($"the server answered page {answeredPage} when asked for page {current.PageNumber}: the page number does not advance, ending the listing", LogLevel.Error);

        if (pagesRead >= maxPages)
            return PageCap(maxPages, null);

        return NextPageDecision.Follow(CtxPageRequest.Build(baseUri, list, current.Cursor, nextPage), null);
    }

    private static NextPageDecision ResolveNext(string next, CtxPageRequest current, int pagesRead, int maxPages, Uri baseUri, CtxListRequest list)
    {
        if (next.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || next.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(next, UriKind.Absolute, out var nextUri))
                return NextPageDecision.Stop($"'next' is not a valid URL ({next}); ending the listing", LogLevel.Error);

            // The API key goes with every request: following a URL on another host would hand it to whoever the
            // response names. A same-host URL is rebased on the configured scheme and port, so a gateway that builds
            // http:// links behind TLS termination neither breaks pagination nor downgrades the key to plain HTTP.
            if (!Http.ApiOrigin.IsSameHost(nextUri, baseUri))
                return NextPageDecision.Stop($"'next' points to host {nextUri.Host}, not the configured {baseUri.Host}; not followed (the API key is only sent to the configured host)", LogLevel.Error);

            var rebased = new UriBuilder(nextUri) { Scheme = baseUri.Scheme, Port = baseUri.Port }.Uri;
            var cursor = QueryValue(rebased, list.CursorParameter);
            if (rebased == current.Uri)
                return NextPageDecision.Stop($"'next' repeats the URL just read ({rebased}); ending the listing", LogLevel.Error, cursor);
            if (pagesRead >= maxPages)
                return PageCap(maxPages, cursor);

            return NextPageDecision.Follow(new CtxPageRequest(rebased, cursor, null), cursor);
        }

        if (string.Equals(next, current.Cursor, StringComparison.Ordinal))
            return NextPageDecision.Stop($"'next' cursor {next} is the {list.CursorParameter} just sent: the cursor does not advance, ending the listing", LogLevel.Error, next);
        if (pagesRead >= maxPages)
            return PageCap(maxPages, next);

        return NextPageDecision.Follow(CtxPageRequest.Build(baseUri, list, next, null), next);
    }

    private static NextPageDecision PageCap(int maxPages, string? resumeCursor) =>
        NextPageDecision.Stop($"read {maxPages} pages, the max_pages cap; the rest is read on the next run", LogLevel.Warning, resumeCursor);

    private static string? QueryValue(Uri uri, string name)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var key = separator < 0 ? pair : pair[..separator];
            if (string.Equals(Uri.UnescapeDataString(key), name, StringComparison.Ordinal))
                return separator < 0 ? null : Uri.UnescapeDataString(pair[(separator + 1)..]);
        }

        return null;
    }
}
