using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;

namespace TaxiiConnector.Sources.Taxii2;

/// <summary>
/// One TAXII collection as a pipeline collection. Its cursor is an <c>added_after</c> value: on the first run
/// now − <c>initial_history</c>, afterwards the server's own <c>X-TAXII-Date-Added-Last</c> (or newest
/// <c>date_added</c>) sent back exactly as received, never the local clock.
/// </summary>
internal sealed class Taxii2SourceCollection : ISourceCollection
{
    private readonly Taxii2Client _client;
    private readonly TaxiiCollection _collection;
    private readonly Taxii2SourceOptions _options;
    private readonly TimeProvider _timeProvider;

    public Taxii2SourceCollection(Taxii2Client client, TaxiiCollection collection, Taxii2SourceOptions options, TimeProvider timeProvider)
    {
        _client = client;
        _collection = collection;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary><c>taxii2|{api root url}|{collection id}</c>.</summary>
    public string StateKey => StateKeyFor(_collection, _options.StateKeyOrigin);

    public string DisplayName => _collection.DisplayName;

    public static string StateKeyFor(TaxiiCollection collection, string? origin = null) =>
        origin is null
            ? "taxii2|" + collection.Key
            : "taxii2|" + origin.TrimEnd('/') + collection.ApiRootUrl.AbsolutePath + "|" + collection.Id;

    public async IAsyncEnumerable<SourcePage> ReadPagesAsync(string? committedCursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var addedAfter = committedCursor ?? TaxiiTimestamp.Format(_timeProvider.GetUtcNow() - _options.InitialHistory);
        var query = new TaxiiObjectsQuery { AddedAfter = addedAfter, Limit = _options.Limit };
        var cursor = addedAfter;

        // Each page is held until the next one's headers are known, because only they tell whether objects sharing the
        // held page's last date_added continue on the next page (see CommitPointFor). The pipeline's channel keeps
        // fetching and pushing overlapped, so holding one page costs one page of memory, not throughput.
        TaxiiObjectPage? held = null;
        var heldResume = cursor;
        await using var pages = _client.GetObjectsAsync(_collection, query, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                TaxiiObjectPage? page = null;
                ExceptionDispatchInfo? failure = null;
                try
                {
                    page = await pages.MoveNextAsync() ? pages.Current : null;
                }
                catch (Exception exception) when (held is not null && exception is not OperationCanceledException)
                {
                    // The held page was read whole: hand it over before the failure ends the collection.
                    failure = ExceptionDispatchInfo.Capture(exception);
                }

                if (held is not null)
                {
                    var commit = CommitPointFor(heldResume, committedCursor, page, endOfResult: page is null && failure is null);
                    var ready = held;
                    held = null;
                    yield return new SourcePage(ready.Number, ready.Objects, commit, ready);
                }

                failure?.Throw();
                if (page is null)
                {
                    yield break;
                }

                var next = page.ResumeAddedAfter ?? cursor;
                if (page.Objects.Count == 0 && string.Equals(next, committedCursor, StringComparison.Ordinal))
                {
                    // Nothing new and nothing to remember: not a page worth a push or a commit.
                    page.Dispose();
                    continue;
                }

                cursor = next;
                held = page;
                heldResume = next;
            }
        }
        finally
        {
            held?.Dispose();
        }
    }

    /// <summary>
    /// The cursor committed after a page. <c>added_after</c> is strictly after, so resuming from the page's exact last
    /// <c>date_added</c> would skip objects that share it but sit on the next page. The exact value is committed when
    /// nothing of that date can follow: the result ended, or the next page starts later. Otherwise (a tie across the
    /// boundary, or a next page without usable headers) one unit earlier, so a crash there re-reads the tie instead of
    /// skipping it; never earlier than what was already committed.
    /// </summary>
    private static string CommitPointFor(string resume, string? committedCursor, TaxiiObjectPage? following, bool endOfResult)
    {
        if (endOfResult
            || (following is { Objects.Count: 0, More: false })
            || string.Equals(resume, committedCursor, StringComparison.Ordinal)
            || !TaxiiTimestamp.TryParse(resume, out var last))
        {
            return resume;
        }

        if (following is not null
            && TaxiiTimestamp.TryParse(following.DateAddedFirst, out var nextFirst)
            && nextFirst > last)
        {
            return resume;
        }

        if (!TaxiiTimestamp.TryStepBack(resume, out var earlier))
        {
            return resume;
        }

        return committedCursor is not null
            && TaxiiTimestamp.TryParse(committedCursor, out var committed)
            && TaxiiTimestamp.TryParse(earlier, out var stepped)
            && stepped <= committed
            ? committedCursor
            : earlier;
    }
}
