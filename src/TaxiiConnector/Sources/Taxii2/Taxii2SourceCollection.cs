using System.Runtime.CompilerServices;
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
        await foreach (var page in _client.GetObjectsAsync(_collection, query, cancellationToken).WithCancellation(cancellationToken))
        {
            var next = page.ResumeAddedAfter ?? cursor;
            if (page.Objects.Count == 0 && string.Equals(next, committedCursor, StringComparison.Ordinal))
            {
                // Nothing new and nothing to remember: not a page worth a push or a commit.
                page.Dispose();
                continue;
            }

            cursor = next;
            yield return new SourcePage(page.Number, page.Objects, cursor, page);
        }
    }
}
