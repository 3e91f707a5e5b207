using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Objects;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Server.Hosting;

/// <summary>The read side of TAXII 2.1: discovery, API root and collections here; objects and manifest in <see cref="ObjectsEndpoints"/>, one object in <see cref="SingleObjectEndpoints"/>.</summary>
internal sealed class TaxiiReadEndpoints
{
    private readonly TaxiiServerOptions _options;
    private readonly ReadRequestGate _gate;
    private readonly ObjectsEndpoints _objects;
    private readonly SingleObjectEndpoints _singleObject;

    public TaxiiReadEndpoints(TaxiiServerOptions options, ILogger logger)
    {
        _options = options;
        _gate = new ReadRequestGate(options, logger);
        _objects = new ObjectsEndpoints(options, _gate, logger);
        _singleObject = new SingleObjectEndpoints(options, _gate, logger);
    }

    public long RequestCount => _gate.RequestCount;

    public long ObjectsRequestCount => _gate.ObjectsRequestCount;

    public void Map(IEndpointRouteBuilder routes)
    {
        var root = "/" + _options.ApiRoot;
        routes.MapGet("/taxii2/", GetDiscoveryAsync);
        routes.MapGet(root + "/", GetApiRootAsync);
        routes.MapGet(root + "/collections/", GetCollectionsAsync);
        routes.MapGet(root + "/collections/{collectionId}/", GetCollectionAsync);
        routes.MapGet(root + "/collections/{collectionId}/objects/", _objects.GetObjectsAsync);
        routes.MapGet(root + "/collections/{collectionId}/manifest/", _objects.GetManifestAsync);
        routes.MapGet(root + "/collections/{collectionId}/objects/{objectId}/", _singleObject.GetObjectAsync);
        routes.MapGet(root + "/collections/{collectionId}/objects/{objectId}/versions/", _singleObject.GetVersionsAsync);
        routes.MapPost(root + "/collections/{collectionId}/objects/", PostObjectsAsync);
    }

    private async Task GetDiscoveryAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await _gate.RejectedAsync(context, cancellationToken))
        {
            return;
        }

        var apiRoot = _options.AbsoluteApiRootUrls
            ? $"{context.Request.Scheme}://{context.Request.Host}/{_options.ApiRoot}/"
            : $"/{_options.ApiRoot}/";
        await TaxiiServiceResources.WriteDiscoveryAsync(context, _options.Title, _options.Description, apiRoot, cancellationToken);
    }

    private async Task GetApiRootAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await _gate.RejectedAsync(context, cancellationToken))
        {
            return;
        }

        await TaxiiServiceResources.WriteApiRootAsync(context, _options.ApiRootTitle, _options.MaxContentLength, cancellationToken);
    }

    private async Task GetCollectionsAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await _gate.RejectedAsync(context, cancellationToken))
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
        if (await _gate.RejectedAsync(context, cancellationToken))
        {
            return;
        }

        var collection = _gate.FindCollection(collectionId);
        if (collection is null)
        {
            await _gate.RejectAsync(context, TaxiiError.CollectionNotFound(collectionId), cancellationToken);
            return;
        }

        await TaxiiResponses.WriteResourceAsync(context, StatusCodes.Status200OK, writer => WriteCollection(writer, collection), cancellationToken);
    }

    /// <summary>The read side's collections are read-only (<c>can_write: false</c>): Add Objects answers 403, or 404 for an unknown one.</summary>
    private Task PostObjectsAsync(HttpContext context, string collectionId)
    {
        _gate.CountRequest();
        return _gate.FindCollection(collectionId) is null
            ? _gate.RejectAsync(context, TaxiiError.CollectionNotFound(collectionId), context.RequestAborted)
            : _gate.RejectAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "This collection is read-only (can_write is false).", context.RequestAborted);
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
