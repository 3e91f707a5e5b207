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
    /// <c>items=a-b</c>, so a 400 (or a 416 on the very first range) switches forms once. 206 advances by the objects
    /// actually received, 416 or an empty page ends, and a 200 means the server ignored Range and sent everything.
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
        var useEqualsForm = false;
        var formSettled = false;
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

    private static string RangeText(bool equalsForm, long offset, int size) =>
        string.Create(CultureInfo.InvariantCulture, $"items{(equalsForm ? "=" : " ")}{offset}-{offset + size - 1}");
}
