using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Hosting;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Server.Storage;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Server.Objects;

/// <summary>Get Objects and Get Manifest (TAXII 2.1 §5.3, §5.4).</summary>
internal sealed class ObjectsEndpoints
{
    private readonly TaxiiServerOptions _options;
    private readonly ReadRequestGate _gate;
    private readonly ILogger _logger;

    public ObjectsEndpoints(TaxiiServerOptions options, ReadRequestGate gate, ILogger logger)
    {
        _options = options;
        _gate = gate;
        _logger = logger;
    }

    public async Task GetObjectsAsync(HttpContext context, string collectionId)
    {
        var cancellationToken = context.RequestAborted;
        var request = await ResolvePageRequestAsync(context, collectionId, countAsObjectsRequest: true, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var (collection, objects, query, start, pageNumber) = request.Value;
        var limit = Math.Min(query.Limit ?? _options.DefaultPageSize, _options.MaxPageSize);
        var page = ObjectPagePlanner.Plan(objects, query, start, pageNumber, limit, _options.MaxObjectsScannedPerRequest);

        var more = page.NextPosition is not null;
        string? next = page.NextPosition is { } nextPosition
            ? new PageCursor(nextPosition, pageNumber + 1, query.FilterFingerprint).Encode()
            : null;

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = TaxiiMediaTypes.Taxii21;
        page.WriteDateAddedHeaders(response);

        // Objects the sequence holds serialised back to back: send their bytes as they are.
        if (ContiguousEnvelopeWriter.TryGetBody(objects, page) is { } serialized)
        {
            await ContiguousEnvelopeWriter.WriteAsync(response, serialized, more, next, cancellationToken).ConfigureAwait(false);
            Log.ObjectsServed(_logger, collection.Id, pageNumber, page.Indexes.Count, more);
            return;
        }

        var body = response.BodyWriter;
        await EnvelopeWriter.WriteAsync(body, async token => await body.FlushAsync(token).ConfigureAwait(false), objects, page, more, next, cancellationToken).ConfigureAwait(false);
        Log.ObjectsServed(_logger, collection.Id, pageNumber, page.Indexes.Count, more);
    }

    public async Task GetManifestAsync(HttpContext context, string collectionId)
    {
        var cancellationToken = context.RequestAborted;
        var request = await ResolvePageRequestAsync(context, collectionId, countAsObjectsRequest: false, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var (collection, objects, query, start, pageNumber) = request.Value;
        var limit = Math.Min(query.Limit ?? _options.DefaultPageSize, _options.MaxPageSize);
        var page = ObjectPagePlanner.Plan(objects, query, start, pageNumber, limit, _options.MaxObjectsScannedPerRequest);
        var next = page.NextPosition is { } nextPosition ? new PageCursor(nextPosition, pageNumber + 1, query.FilterFingerprint).Encode() : null;
        page.WriteDateAddedHeaders(context.Response);
        await TaxiiResponses.WriteResourceAsync(
            context,
            StatusCodes.Status200OK,
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteBoolean("more"u8, next is not null);
                if (next is not null)
                {
                    writer.WriteString("next"u8, next);
                }

                if (page.Indexes.Count > 0)
                {
                    writer.WriteStartArray("objects"u8);
                    foreach (var index in page.Indexes)
                    {
                        var dateAdded = TaxiiTimestamp.Format(objects.GetDateAdded(index));
                        writer.WriteStartObject();
                        writer.WriteString("id"u8, objects.GetObjectId(index));
                        writer.WriteString("date_added"u8, dateAdded);
                        writer.WriteString("version"u8, objects.GetObjectVersion(index) ?? dateAdded);
                        writer.WriteString("media_type"u8, TaxiiMediaTypes.Stix21);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            },
            cancellationToken).ConfigureAwait(false);
        Log.ObjectsServed(_logger, collection.Id, pageNumber, page.Indexes.Count, next is not null);
    }

    /// <summary>
    /// The checks and parsing Get Objects and Get Manifest share; answers the request itself (and returns null) when it
    /// must be refused.
    /// </summary>
    private async Task<(TaxiiCollectionInfo Collection, ITaxiiObjectSequence Objects, ObjectsQuery Query, long Start, int PageNumber)?> ResolvePageRequestAsync(
        HttpContext context, string collectionId, bool countAsObjectsRequest, CancellationToken cancellationToken)
    {
        if (countAsObjectsRequest)
        {
            _gate.CountObjectsRequest();
        }

        _gate.CountRequest();
        if (!TaxiiAcceptHeader.AcceptsTaxii21(context.Request.Headers.Accept))
        {
            await _gate.RejectAsync(context, TaxiiError.NotAcceptable, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var collection = _gate.FindCollection(collectionId);
        var objects = collection is null ? null : _options.Store.FindObjects(collection.Id);
        if (collection is null || objects is null)
        {
            await _gate.RejectAsync(context, TaxiiError.CollectionNotFound(collectionId), cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (!collection.CanRead)
        {
            await _gate.RejectAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "This collection cannot be read.", cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (!ObjectsQuery.TryParse(context.Request.Query, out var query, out var error))
        {
            await _gate.RejectAsync(context, StatusCodes.Status400BadRequest, "Bad request", error, cancellationToken).ConfigureAwait(false);
            return null;
        }

        long start;
        var pageNumber = 1;
        if (query.Next is not null)
        {
            if (!PageCursor.TryDecode(query.Next, out var cursor) || cursor.Position > objects.Count)
            {
                await _gate.RejectAsync(context, StatusCodes.Status400BadRequest, "Bad request", "next is not a cursor this server issued.", cancellationToken).ConfigureAwait(false);
                return null;
            }

            if (cursor.FilterFingerprint != query.FilterFingerprint)
            {
                await _gate.RejectAsync(context, StatusCodes.Status400BadRequest, "Bad request", "next must be sent with the same filters as the request that returned it.", cancellationToken).ConfigureAwait(false);
                return null;
            }

            start = cursor.Position;
            pageNumber = cursor.PageNumber;
        }
        else
        {
            start = query.AddedAfter is { } addedAfter ? objects.FirstIndexAddedAfter(addedAfter) : 0;
        }

        return (collection, objects, query, start, pageNumber);
    }
}
