using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;

namespace TaxiiConnector.Taxii.Taxii2;

public sealed partial class Taxii2Client
{
    /// <summary>
    /// TAXII 2.0 paging with <c>Range: items a-b</c>. The 2.0 text writes the space form; medallion ≥ 1.1 only takes
    /// <c>items=a-b</c>, so a 400 (or a 416 on the very first range) switches forms once, and the form that worked is
    /// remembered per server for the process. 206 advances by the objects actually received, 416 or an empty page ends,
    /// and a 200 means the server ignored Range and sent everything. An empty 206 whose <c>Content-Range</c> total says
    /// more items exist is not an end: the range is asked again wider, and if that is empty too the collection fails
    /// (nothing of that page is yielded, so no cursor moves past the items the server did not send).
    /// </summary>
    private async IAsyncEnumerable<TaxiiObjectPage> GetObjectsV20Async(
        TaxiiCollection collection,
        TaxiiObjectsQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfNotReadable(collection);
        var maxPages = query.MaxPages ?? _options.MaxPages;
        var tracker = new ObjectVersionTracker(_options.MaxTrackedObjectVersions);
        var cursor = new ResumeCursor(query.AddedAfter);
        var size = Math.Max(1, query.Limit ?? _options.DefaultRangePageSize);
        var url = ObjectsUrlBuilder.Build(collection.ObjectsUrl, query.AddedAfter, limit: null, query.Match, next: null);
        var useEqualsForm = _rangeForms.TryGet(collection.ObjectsUrl, out var learned) && learned;
        var formSettled = false;
        var formSwitched = false;
        var widened = false;
        long offset = 0;
        var pages = 0;
        var bodyRetries = 0;
        var invalidHeaderWarned = false;

        while (true)
        {
            if (pages >= maxPages)
            {
                throw PagingStopped($"more than {maxPages} pages (taxii2.max_pages)", collection, pages, RangeText(useEqualsForm, offset, size));
            }

            var range = RangeText(useEqualsForm, offset, size);
            var response = await FetchObjectsAsync(url, TaxiiVersion.V20, range, cancellationToken).ConfigureAwait(false);
            if (response.Body is null)
            {
                var failure = response.Failure!;
                if (!formSettled && (response.Status == HttpStatusCode.BadRequest
                    || (response.Status == HttpStatusCode.RequestedRangeNotSatisfiable && offset == 0)))
                {
                    formSettled = true;
                    formSwitched = true;
                    useEqualsForm = !useEqualsForm;
                    Log.RangeFormSwitched(_logger, url, range, RangeText(useEqualsForm, offset, size));
                    continue;
                }

                if (response.Status == HttpStatusCode.RequestedRangeNotSatisfiable)
                {
                    yield break;
                }

                if (response.Status == HttpStatusCode.RequestEntityTooLarge && size > 1)
                {
                    Log.LimitHalved(_logger, url, size, size / 2);
                    size /= 2;
                    continue;
                }

                if (failure is Errors.TaxiiProtocolException protocolFailure && bodyRetries < BodyRetries)
                {
                    await DelayBeforeBodyRetryAsync(url, bodyRetries, protocolFailure, cancellationToken).ConfigureAwait(false);
                    bodyRetries++;
                    continue;
                }

                throw failure;
            }

            bodyRetries = 0;
            formSettled = true;
            if (_rangeForms.Remember(collection.ObjectsUrl, useEqualsForm) && formSwitched)
            {
                Log.RangeFormLearned(_logger, collection.ApiRootUrl.GetLeftPart(UriPartial.Authority), useEqualsForm ? "items=a-b" : "items a-b");
            }

            if (response.Status == HttpStatusCode.PartialContent && ItemsMissing(response.ContentRange, offset) is { } missing
                && IsEmptyBundle(response.Body.Document))
            {
                response.Body.Dispose();
                if (widened)
                {
                    throw PagingStopped(string.Create(CultureInfo.InvariantCulture,
                        $"the server answered '{range}' with no objects although its Content-Range '{response.ContentRange}' says {missing} more exist, also for a wider range; the collection's cursor is not moved"),
                        collection, pages, range);
                }

                // medallion 1.1.0 answers items=N-N with an empty page while claiming the item exists: ask for more at once.
                widened = true;
                var wider = Math.Max(2, size * 2);
                Log.ShortRangeWidened(_logger, url, range, response.ContentRange ?? "-", RangeText(useEqualsForm, offset, wider));
                size = wider;
                continue;
            }

            widened = false;
            pages++;
            TaxiiObjectPage page;
            bool more;
            int fresh;
            try
            {
                var objects = ReadObjects(response.Body.Document, url);
                NoteInvalidDateHeader(response.DateAddedLast, url, ref invalidHeaderWarned);
                fresh = tracker.AddAll(objects);
                _ = cursor.Observe(response.DateAddedLast, objects);
                if (response.Status != HttpStatusCode.PartialContent || objects.Count == 0)
                {
                    // 200: the server ignored Range and sent the whole result. An empty 206 is the end too.
                    more = false;
                }
                else
                {
                    offset += objects.Count;
                    more = !ContentRange.TryParse(response.ContentRange, out var contentRange) || contentRange.Total is not { } total || offset < total;
                }

                page = new TaxiiObjectPage(pages, response.Body, objects, more, next: null, response.DateAddedFirst, response.DateAddedLast,
                    cursor.Newest, cursor.Value, url);
            }
            catch
            {
                response.Body.Dispose();
                throw;
            }

            Log.PageRead(_logger, collection.Id, pages, page.Objects.Count, fresh, more, false);
            if (page.Objects.Count > 0 || pages == 1)
            {
                yield return page;
            }
            else
            {
                page.Dispose();
            }

            if (!more)
            {
                yield break;
            }

            if (fresh == 0)
            {
                throw PagingStopped("the server sent a range with no object version not already read in this run (a repeated page)",
                    collection, pages, range);
            }
        }
    }

    /// <summary>How many items the <c>Content-Range</c> total says exist from <paramref name="offset"/> on; null when none or unknown.</summary>
    private static long? ItemsMissing(string? contentRange, long offset) =>
        ContentRange.TryParse(contentRange, out var parsed) && parsed.Total is { } total && total > offset ? total - offset : null;

    private static bool IsEmptyBundle(System.Text.Json.JsonDocument document) =>
        document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
        && (!document.RootElement.TryGetProperty("objects", out var objects)
            || objects.ValueKind == System.Text.Json.JsonValueKind.Null
            || (objects.ValueKind == System.Text.Json.JsonValueKind.Array && objects.GetArrayLength() == 0));

    private static string RangeText(bool equalsForm, long offset, int size) =>
        string.Create(CultureInfo.InvariantCulture, $"items{(equalsForm ? "=" : " ")}{offset}-{offset + size - 1}");
}
