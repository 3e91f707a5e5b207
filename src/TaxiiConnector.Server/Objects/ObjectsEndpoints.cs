using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Faults;
using TaxiiConnector.Server.Hosting;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Server.Objects;

/// <summary>Get Objects and Get Manifest (TAXII 2.1 §5.3, §5.4), with the body faults a fault plan can ask for.</summary>
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
        var request = await ResolvePageRequestAsync(context, collectionId, TaxiiEndpoint.Objects, cancellationToken);
        if (request is null)
        {
            return;
        }

        var (collection, objects, query, start, pageNumber, fault) = request.Value;
        var limit = Math.Min(query.Limit ?? _options.DefaultPageSize, _options.MaxPageSize);
        var page = ObjectPagePlanner.Plan(objects, query, start, pageNumber, limit, _options.MaxObjectsScannedPerRequest);

        var more = page.NextPosition is not null;
        string? next = page.NextPosition is { } nextPosition
            ? new PageCursor(nextPosition, pageNumber + 1, query.FilterFingerprint).Encode()
            : null;
        switch (fault?.Kind)
        {
            case TaxiiFaultKind.RepeatPage:
                more = true;
                next = new PageCursor(start, pageNumber, query.FilterFingerprint).Encode();
                break;
            case TaxiiFaultKind.MoreWithoutNext:
                more = true;
                next = null;
                break;
        }

        var inserted = fault?.Kind == TaxiiFaultKind.InvalidObject
            ? new InsertedObject(fault.InvalidObjectPosition ?? (page.Indexes.Count / 2), fault.InvalidObjectJson)
            : null;

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = TaxiiMediaTypes.Taxii21;
        WriteDateAddedHeaders(response, page);

        if (fault?.Kind is TaxiiFaultKind.ResetMidBody or TaxiiFaultKind.TruncatedJson)
        {
            await WritePartialBodyAsync(context, objects, page, more, next, fault, cancellationToken);
            return;
        }

        // Pre-rendered objects in one run, and nothing injected into the body: send their bytes as they are.
        if (inserted is null && PrerenderedEnvelopeWriter.TryGetBody(objects, page) is { } rendered)
        {
            await PrerenderedEnvelopeWriter.WriteAsync(response, rendered, more, next, cancellationToken);
            Log.ObjectsServed(_logger, collection.Id, pageNumber, page.Indexes.Count, more);
            return;
        }

        var body = response.BodyWriter;
        await EnvelopeWriter.WriteAsync(body, async token => await body.FlushAsync(token), objects, page, more, next, inserted, cancellationToken);
        Log.ObjectsServed(_logger, collection.Id, pageNumber, page.Indexes.Count, more);
    }

    public async Task GetManifestAsync(HttpContext context, string collectionId)
    {
        var cancellationToken = context.RequestAborted;
        var request = await ResolvePageRequestAsync(context, collectionId, TaxiiEndpoint.Manifest, cancellationToken);
        if (request is null)
        {
            return;
        }

        var (collection, objects, query, start, pageNumber, _) = request.Value;
        var limit = Math.Min(query.Limit ?? _options.DefaultPageSize, _options.MaxPageSize);
        var page = ObjectPagePlanner.Plan(objects, query, start, pageNumber, limit, _options.MaxObjectsScannedPerRequest);
        var next = page.NextPosition is { } nextPosition ? new PageCursor(nextPosition, pageNumber + 1, query.FilterFingerprint).Encode() : null;
        WriteDateAddedHeaders(context.Response, page);
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
            cancellationToken);
        Log.ObjectsServed(_logger, collection.Id, pageNumber, page.Indexes.Count, next is not null);
    }

    /// <summary>
    /// The checks and parsing Get Objects and Get Manifest share; answers the request itself (and returns null) when it
    /// must be refused or a status fault applies.
    /// </summary>
    private async Task<(TaxiiCollectionInfo Collection, ITaxiiObjectSequence Objects, ObjectsQuery Query, long Start, int PageNumber, TaxiiFault? Fault)?> ResolvePageRequestAsync(
        HttpContext context, string collectionId, TaxiiEndpoint endpoint, CancellationToken cancellationToken)
    {
        var objectsRequestNumber = endpoint == TaxiiEndpoint.Objects ? _gate.NextObjectsRequestNumber() : 0;
        var requestNumber = _gate.NextRequestNumber();
        if (!TaxiiAcceptHeader.AcceptsTaxii21(context.Request.Headers.Accept))
        {
            await _gate.RejectAsync(context, TaxiiError.NotAcceptable, cancellationToken);
            return null;
        }

        var collection = _gate.FindCollection(collectionId);
        var objects = collection is null ? null : _options.Store.FindObjects(collection.Id);
        if (collection is null || objects is null)
        {
            await _gate.RejectAsync(context, TaxiiError.CollectionNotFound(collectionId), cancellationToken);
            return null;
        }

        if (!collection.CanRead)
        {
            await _gate.RejectAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "This collection cannot be read.", cancellationToken);
            return null;
        }

        if (!ObjectsQuery.TryParse(context.Request.Query, out var query, out var error))
        {
            await _gate.RejectAsync(context, StatusCodes.Status400BadRequest, "Bad request", error, cancellationToken);
            return null;
        }

        long start;
        var pageNumber = 1;
        if (query.Next is not null)
        {
            if (!PageCursor.TryDecode(query.Next, out var cursor) || cursor.Position > objects.Count)
            {
                await _gate.RejectAsync(context, StatusCodes.Status400BadRequest, "Bad request", "next is not a cursor this server issued.", cancellationToken);
                return null;
            }

            if (cursor.FilterFingerprint != query.FilterFingerprint)
            {
                await _gate.RejectAsync(context, StatusCodes.Status400BadRequest, "Bad request", "next must be sent with the same filters as the request that returned it.", cancellationToken);
                return null;
            }

            start = cursor.Position;
            pageNumber = cursor.PageNumber;
        }
        else
        {
            start = query.AddedAfter is { } addedAfter ? objects.FirstIndexAddedAfter(addedAfter) : 0;
        }

        var fault = _gate.Decide(new FaultRequestContext(endpoint, requestNumber, objectsRequestNumber, pageNumber, collection.Id));
        if (fault?.Kind == TaxiiFaultKind.Status)
        {
            await ReadRequestGate.WriteStatusFaultAsync(context, fault, cancellationToken);
            return null;
        }

        return (collection, objects, query, start, pageNumber, fault);
    }

    private static void WriteDateAddedHeaders(HttpResponse response, ObjectPage page)
    {
        if (page.FirstDateAdded is { } first && page.LastDateAdded is { } last)
        {
            response.Headers["X-TAXII-Date-Added-First"] = TaxiiTimestamp.Format(first);
            response.Headers["X-TAXII-Date-Added-Last"] = TaxiiTimestamp.Format(last);
        }
    }

    private static async Task WritePartialBodyAsync(
        HttpContext context, ITaxiiObjectSequence objects, ObjectPage page, bool more, string? next, TaxiiFault fault, CancellationToken cancellationToken)
    {
        // Rendered whole first so the cut lands at a known share of the real body; only faulty pages pay for it.
        var rendered = new ArrayBufferWriter<byte>(64 * 1024);
        await EnvelopeWriter.WriteAsync(rendered, static _ => ValueTask.CompletedTask, objects, page, more, next, null, cancellationToken);
        var cut = Math.Clamp((int)(rendered.WrittenCount * fault.BodyFraction), 1, Math.Max(1, rendered.WrittenCount - 1));
        if (fault.Kind == TaxiiFaultKind.ResetMidBody)
        {
            // Announce the whole body, send part of it, and end: Kestrel then closes the connection once the partial body
            // is on the wire, and the client fails reading the rest. HttpContext.Abort() after a flush would race the
            // socket (an abort drops output not yet sent, so the client may see the reset before any byte of the body).
            context.Response.ContentLength = rendered.WrittenCount;
        }

        await context.Response.Body.WriteAsync(rendered.WrittenMemory[..cut], cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
