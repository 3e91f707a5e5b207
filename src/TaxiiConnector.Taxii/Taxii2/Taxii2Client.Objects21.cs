using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;

namespace TaxiiConnector.Taxii.Taxii2;

public sealed partial class Taxii2Client
{
    /// <summary>
    /// TAXII 2.1 paging. A "session" is one <c>added_after</c> with the <c>next</c> cursors that follow it; <c>next</c> is
    /// always sent with the session's own filters and limit, never with a moved <c>added_after</c>. Every iteration either
    /// yields a page (bounded by the page budget) or spends a bounded retry (413 halving, cursor recovery, body retry).
    /// </summary>
    private async IAsyncEnumerable<TaxiiObjectPage> GetObjectsV21Async(
        TaxiiCollection collection,
        TaxiiObjectsQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfNotReadable(collection);
        var maxPages = query.MaxPages ?? _options.MaxPages;
        var tracker = new ObjectVersionTracker(_options.MaxTrackedObjectVersions);
        var cursor = new ResumeCursor(query.AddedAfter);
        var limit = query.Limit;
        var sessionAddedAfter = query.AddedAfter;
        string? next = null;
        var pages = 0;
        var emptyPagesWithoutProgress = 0;
        var cursorRecoveries = 0;
        var bodyRetries = 0;
        var invalidHeaderWarned = false;

        while (true)
        {
            if (pages >= maxPages)
            {
                throw PagingStopped($"more than {maxPages} pages (taxii2.max_pages)", collection, pages, next ?? sessionAddedAfter);
            }

            var url = ObjectsUrlBuilder.Build(collection.ObjectsUrl, sessionAddedAfter, limit, query.Match, next);
            var response = await FetchObjectsAsync(url, TaxiiVersion.V21, range: null, cancellationToken).ConfigureAwait(false);

            if (response.Body is null)
            {
                var failure = response.Failure!;
                if (response.Status == HttpStatusCode.RequestEntityTooLarge)
                {
                    if (limit is 1)
                    {
                        throw failure;
                    }

                    var halved = Math.Max(1, (limit ?? LimitBeforeFirstHalving) / 2);
                    Log.LimitHalved(_logger, url, limit, halved);
                    limit = halved;
                    // A next cursor is bound to its session's limit: restart from what was already delivered.
                    if (next is not null)
                    {
                        (next, sessionAddedAfter) = (null, cursor.Value);
                    }

                    continue;
                }

                if (next is not null && response.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound && cursorRecoveries < _options.MaxRetries)
                {
                    // Expired or foreign cursor (medallion keeps them per process for 30 s): restart after what was delivered.
                    cursorRecoveries++;
                    Log.NextRejected(_logger, url, (int)response.Status, cursor.Value ?? "(none)");
                    (next, sessionAddedAfter) = (null, cursor.Value);
                    continue;
                }

                if (failure is TaxiiProtocolException protocolFailure && bodyRetries < BodyRetries)
                {
                    await DelayBeforeBodyRetryAsync(url, bodyRetries, protocolFailure, cancellationToken).ConfigureAwait(false);
                    bodyRetries++;
                    // Servers consume a next cursor as it is read: re-sending it could skip a page, so resume by date instead.
                    if (next is not null)
                    {
                        (next, sessionAddedAfter) = (null, cursor.Value);
                    }

                    continue;
                }

                throw failure;
            }

            bodyRetries = 0;
            pages++;
            TaxiiObjectPage page;
            bool more;
            string? nextValue;
            int fresh;
            bool dateAdvanced;
            try
            {
                var objects = ReadObjects(response.Body.Document, url);
                (more, nextValue) = ReadPaging(response.Body.Document.RootElement);
                // Some servers send next but forget more; by the spec that is the end, unless the user opted in.
                more |= nextValue is not null && _options.FollowNextWithoutMore;
                if (more && nextValue is null && objects.Count == 0)
                {
                    // Nothing to read and nothing to continue from: the page is not yielded, so no cursor moves on its headers.
                    throw PagingStopped("the server said more=true but sent no objects and no next, so there is no way to read the rest; the collection's cursor is not moved",
                        collection, pages, next ?? sessionAddedAfter);
                }

                NoteInvalidDateHeader(response.DateAddedLast, url, ref invalidHeaderWarned);
                fresh = tracker.AddAll(objects);
                dateAdvanced = cursor.Observe(response.DateAddedLast, objects);
                page = new TaxiiObjectPage(pages, response.Body, objects, more, nextValue, response.DateAddedFirst, response.DateAddedLast,
                    cursor.Newest, cursor.Value, url);
            }
            catch
            {
                response.Body.Dispose();
                throw;
            }

            Log.PageRead(_logger, collection.Id, pages, page.Objects.Count, fresh, more, nextValue is not null);
            yield return page;

            if (!more)
            {
                if (nextValue is not null)
                {
                    Log.NextWithoutMore(_logger, url);
                }

                yield break;
            }

            if (fresh == 0 && !dateAdvanced)
            {
                if (page.Objects.Count > 0)
                {
                    throw PagingStopped("the server sent a page with no object version not already read in this run (a repeated page)",
                        collection, pages, next ?? sessionAddedAfter);
                }

                if (++emptyPagesWithoutProgress > 1)
                {
                    throw PagingStopped("two empty pages in a row with more=true", collection, pages, next ?? sessionAddedAfter);
                }
            }
            else
            {
                emptyPagesWithoutProgress = 0;
            }

            if (nextValue is not null)
            {
                // The same next value again is legal (medallion keeps one id per paging session): content decides progress.
                next = nextValue;
                continue;
            }

            // more=true without next: continue after the server's own Date-Added-Last, sent back exactly as received.
            var fallback = TaxiiTimestamp.TryParse(response.DateAddedLast, out _) ? response.DateAddedLast : cursor.Newest;
            if (fallback is null)
            {
                throw PagingStopped("more=true without next, and no X-TAXII-Date-Added-Last to continue from", collection, pages, sessionAddedAfter);
            }

            if (!ResumeCursor.IsAfter(fallback, sessionAddedAfter))
            {
                throw PagingStopped($"more=true without next, and added_after would not advance ({fallback})", collection, pages, sessionAddedAfter);
            }

            (next, sessionAddedAfter) = (null, fallback);
        }
    }

    /// <summary>The envelope's <c>more</c> (absent = false; a "true" string is tolerated) and <c>next</c> (opaque; a number kept as written).</summary>
    private static (bool More, string? Next) ReadPaging(JsonElement envelope)
    {
        var more = envelope.TryGetProperty("more", out var moreElement)
            && (moreElement.ValueKind == JsonValueKind.True
                || (moreElement.ValueKind == JsonValueKind.String && string.Equals(moreElement.GetString(), "true", StringComparison.OrdinalIgnoreCase)));
        var next = envelope.TryGetProperty("next", out var nextElement)
            ? nextElement.ValueKind switch
            {
                JsonValueKind.String => nextElement.GetString(),
                JsonValueKind.Number => nextElement.GetRawText(),
                _ => null,
            }
            : null;
        return (more, string.IsNullOrEmpty(next) ? null : next);
    }
}
