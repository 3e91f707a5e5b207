using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Faults;
using TaxiiConnector.Server.Objects;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Server.Hosting;

/// <summary>The read side of TAXII 2.1: discovery, API root, collections and Get Objects, with optional fault injection.</summary>
internal sealed class TaxiiReadEndpoints
{
    private readonly TaxiiServerOptions _options;
    private readonly ILogger _logger;
    private long _requestCount;
    private long _objectsRequestCount;

    public TaxiiReadEndpoints(TaxiiServerOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
    }

    public long RequestCount => Interlocked.Read(ref _requestCount);

    public long ObjectsRequestCount => Interlocked.Read(ref _objectsRequestCount);

    public void Map(IEndpointRouteBuilder routes)
    {
        var root = "/" + _options.ApiRoot;
        routes.MapGet("/taxii2/", GetDiscoveryAsync);
        routes.MapGet(root + "/", GetApiRootAsync);
        routes.MapGet(root + "/collections/", GetCollectionsAsync);
        routes.MapGet(root + "/collections/{collectionId}/", GetCollectionAsync);
        routes.MapGet(root + "/collections/{collectionId}/objects/", GetObjectsAsync);
    }

    private async Task GetDiscoveryAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await RejectedAsync(context, TaxiiEndpoint.Discovery, null, cancellationToken))
        {
            return;
        }

        var apiRoot = _options.AbsoluteApiRootUrls
            ? $"{context.Request.Scheme}://{context.Request.Host}/{_options.ApiRoot}/"
            : $"/{_options.ApiRoot}/";
        await TaxiiResponses.WriteResourceAsync(
            context,
            StatusCodes.Status200OK,
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("title"u8, _options.Title);
                if (_options.Description is not null)
                {
                    writer.WriteString("description"u8, _options.Description);
                }

                writer.WriteString("default"u8, apiRoot);
                writer.WriteStartArray("api_roots"u8);
                writer.WriteStringValue(apiRoot);
                writer.WriteEndArray();
                writer.WriteEndObject();
            },
            cancellationToken);
    }

    private async Task GetApiRootAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await RejectedAsync(context, TaxiiEndpoint.ApiRoot, null, cancellationToken))
        {
            return;
        }

        await TaxiiResponses.WriteResourceAsync(
            context,
            StatusCodes.Status200OK,
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("title"u8, _options.ApiRootTitle);
                writer.WriteStartArray("versions"u8);
                writer.WriteStringValue(TaxiiMediaTypes.Taxii21);
                writer.WriteEndArray();
                writer.WriteNumber("max_content_length"u8, _options.MaxContentLength);
                writer.WriteEndObject();
            },
            cancellationToken);
    }

    private async Task GetCollectionsAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await RejectedAsync(context, TaxiiEndpoint.Collections, null, cancellationToken))
        {
            return;
        }

        var collections = _options.Store.Collections;
        await TaxiiResponses.WriteResourceAsync(
            context,
            StatusCodes.Status200OK,
            writer =>
            {
                writer.WriteStartObject();

                // TAXII forbids empty lists: with no collections the key is left out.
                if (collections.Count > 0)
                {
                    writer.WriteStartArray("collections"u8);
                    foreach (var collection in collections)
                    {
                        WriteCollection(writer, collection);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            },
            cancellationToken);
    }

    private async Task GetCollectionAsync(HttpContext context, string collectionId)
    {
        var cancellationToken = context.RequestAborted;
        if (await RejectedAsync(context, TaxiiEndpoint.Collection, collectionId, cancellationToken))
        {
            return;
        }

        var collection = FindCollection(collectionId);
        if (collection is null)
        {
            await RejectAsync(context, StatusCodes.Status404NotFound, "Collection not found", $"No collection '{collectionId}' in this API root.", cancellationToken);
            return;
        }

        await TaxiiResponses.WriteResourceAsync(context, StatusCodes.Status200OK, writer => WriteCollection(writer, collection), cancellationToken);
    }

    private async Task GetObjectsAsync(HttpContext context, string collectionId)
    {
        var cancellationToken = context.RequestAborted;
        var objectsRequestNumber = Interlocked.Increment(ref _objectsRequestCount);
        var requestNumber = Interlocked.Increment(ref _requestCount);
        if (!TaxiiAcceptHeader.AcceptsTaxii21(context.Request.Headers.Accept))
        {
            await RejectAsync(context, StatusCodes.Status406NotAcceptable, "Not acceptable", $"Send Accept: {TaxiiMediaTypes.Taxii21}.", cancellationToken);
            return;
        }

        var collection = FindCollection(collectionId);
        var objects = collection is null ? null : _options.Store.FindObjects(collection.Id);
        if (collection is null || objects is null)
        {
            await RejectAsync(context, StatusCodes.Status404NotFound, "Collection not found", $"No collection '{collectionId}' in this API root.", cancellationToken);
            return;
        }

        if (!collection.CanRead)
        {
            await RejectAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "This collection cannot be read.", cancellationToken);
            return;
        }

        if (!ObjectsQuery.TryParse(context.Request.Query, out var query, out var error))
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "Bad request", error, cancellationToken);
            return;
        }

        long start;
        var pageNumber = 1;
        if (query.Next is not null)
        {
            if (!PageCursor.TryDecode(query.Next, out var cursor) || cursor.Position > objects.Count)
            {
                await RejectAsync(context, StatusCodes.Status400BadRequest, "Bad request", "next is not a cursor this server issued.", cancellationToken);
                return;
            }

            if (cursor.FilterFingerprint != query.FilterFingerprint)
            {
                await RejectAsync(context, StatusCodes.Status400BadRequest, "Bad request", "next must be sent with the same filters as the request that returned it.", cancellationToken);
                return;
            }

            start = cursor.Position;
            pageNumber = cursor.PageNumber;
        }
        else
        {
            start = query.AddedAfter is { } addedAfter ? objects.FirstIndexAddedAfter(addedAfter) : 0;
        }

        var fault = Decide(new FaultRequestContext(TaxiiEndpoint.Objects, requestNumber, objectsRequestNumber, pageNumber, collection.Id));
        if (fault?.Kind == TaxiiFaultKind.Status)
        {
            await WriteStatusFaultAsync(context, fault, cancellationToken);
            return;
        }

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
        if (page.FirstDateAdded is { } first && page.LastDateAdded is { } last)
        {
            response.Headers["X-TAXII-Date-Added-First"] = TaxiiTimestamp.Format(first);
            response.Headers["X-TAXII-Date-Added-Last"] = TaxiiTimestamp.Format(last);
        }

        if (fault?.Kind is TaxiiFaultKind.ResetMidBody or TaxiiFaultKind.TruncatedJson)
        {
            await WritePartialBodyAsync(context, objects, page, more, next, fault, cancellationToken);
            return;
        }

        var body = response.BodyWriter;
        await EnvelopeWriter.WriteAsync(body, async token => await body.FlushAsync(token), objects, page, more, next, inserted, cancellationToken);
        Log.ObjectsServed(_logger, collection.Id, pageNumber, page.Indexes.Count, more);
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

    private async Task<bool> RejectedAsync(HttpContext context, TaxiiEndpoint endpoint, string? collectionId, CancellationToken cancellationToken)
    {
        var requestNumber = Interlocked.Increment(ref _requestCount);
        if (!TaxiiAcceptHeader.AcceptsTaxii21(context.Request.Headers.Accept))
        {
            await RejectAsync(context, StatusCodes.Status406NotAcceptable, "Not acceptable", $"Send Accept: {TaxiiMediaTypes.Taxii21}.", cancellationToken);
            return true;
        }

        var fault = Decide(new FaultRequestContext(endpoint, requestNumber, 0, 0, collectionId));
        if (fault?.Kind == TaxiiFaultKind.Status)
        {
            await WriteStatusFaultAsync(context, fault, cancellationToken);
            return true;
        }

        return false;
    }

    private TaxiiFault? Decide(FaultRequestContext request)
    {
        var fault = _options.FaultPlan?.Decide(request);
        if (fault is not null)
        {
            Log.FaultInjected(_logger, fault.Kind, fault.StatusCode, request.RequestNumber, request.Endpoint, request.PageNumber);
        }

        return fault;
    }

    private static Task WriteStatusFaultAsync(HttpContext context, TaxiiFault fault, CancellationToken cancellationToken)
    {
        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return TaxiiResponses.WriteErrorAsync(context, fault.StatusCode, "Injected fault", $"The test server was told to answer {fault.StatusCode}.", cancellationToken);
    }

    private Task RejectAsync(HttpContext context, int statusCode, string title, string? description, CancellationToken cancellationToken)
    {
        Log.RequestRejected(_logger, context.Request.Method, context.Request.Path, statusCode, description ?? title);
        return TaxiiResponses.WriteErrorAsync(context, statusCode, title, description, cancellationToken);
    }

    private TaxiiCollectionInfo? FindCollection(string idOrAlias)
    {
        foreach (var collection in _options.Store.Collections)
        {
            if (collection.Id == idOrAlias || (collection.Alias is not null && collection.Alias == idOrAlias))
            {
                return collection;
            }
        }

        return null;
    }

    private static void WriteCollection(Utf8JsonWriter writer, TaxiiCollectionInfo collection)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, collection.Id);
        writer.WriteString("title"u8, collection.Title);
        if (collection.Description is not null)
        {
            writer.WriteString("description"u8, collection.Description);
        }

        if (collection.Alias is not null)
        {
            writer.WriteString("alias"u8, collection.Alias);
        }

        writer.WriteBoolean("can_read"u8, collection.CanRead);
        writer.WriteBoolean("can_write"u8, collection.CanWrite);
        if (collection.MediaTypes.Count > 0)
        {
            writer.WriteStartArray("media_types"u8);
            foreach (var mediaType in collection.MediaTypes)
            {
                writer.WriteStringValue(mediaType);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
