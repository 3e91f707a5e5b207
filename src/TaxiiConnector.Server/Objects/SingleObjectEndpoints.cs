using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Hosting;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Server.Storage;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Server.Objects;

/// <summary>
/// Get an Object (TAXII 2.1 §5.6, an envelope of the object's selected versions) and Get Object Versions (§5.8,
/// <c>{"more", "next"?, "versions"}</c>). Both answer 404 when the collection holds no version of the object, and page
/// with <c>limit</c> and <c>next</c> like Get Objects; a filter that excludes every version gives an empty 200.
/// </summary>
internal sealed class SingleObjectEndpoints
{
    private readonly TaxiiServerOptions _options;
    private readonly ReadRequestGate _gate;
    private readonly ILogger _logger;

    public SingleObjectEndpoints(TaxiiServerOptions options, ReadRequestGate gate, ILogger logger)
    {
        _options = options;
        _gate = gate;
        _logger = logger;
    }

    public async Task GetObjectAsync(HttpContext context, string collectionId, string objectId)
    {
        var cancellationToken = context.RequestAborted;
        var request = await ResolveAsync(context, collectionId, objectId, versionFilter: true, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var (collection, objects, page, next) = request.Value;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = TaxiiMediaTypes.Taxii21;
        page.WriteDateAddedHeaders(response);
        var body = response.BodyWriter;
        await EnvelopeWriter.WriteAsync(body, async token => await body.FlushAsync(token).ConfigureAwait(false), objects, page, next is not null, next, cancellationToken).ConfigureAwait(false);
        Log.ObjectsServed(_logger, collection.Id, page.PageNumber, page.Indexes.Count, next is not null);
    }

    public async Task GetVersionsAsync(HttpContext context, string collectionId, string objectId)
    {
        var cancellationToken = context.RequestAborted;
        var request = await ResolveAsync(context, collectionId, objectId, versionFilter: false, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var (collection, objects, page, next) = request.Value;
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

                // TAXII forbids empty lists: with no version selected the key is left out.
                if (page.Indexes.Count > 0)
                {
                    writer.WriteStartArray("versions"u8);
                    foreach (var index in page.Indexes)
                    {
                        writer.WriteStringValue(ObjectVersionSelector.VersionText(objects, index));
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            },
            cancellationToken).ConfigureAwait(false);
        Log.ObjectsServed(_logger, collection.Id, page.PageNumber, page.Indexes.Count, next is not null);
    }

    /// <summary>The checks, the selection and the page both endpoints share; answers a refused request itself (and returns null).</summary>
    private async Task<(TaxiiCollectionInfo Collection, ITaxiiObjectSequence Objects, ObjectPage Page, string? Next)?> ResolveAsync(
        HttpContext context, string collectionId, string objectId, bool versionFilter, CancellationToken cancellationToken)
    {
        if (await _gate.RejectedAsync(context, cancellationToken).ConfigureAwait(false))
        {
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

        if (!SingleObjectQuery.TryParse(context.Request.Query, objectId, versionFilter, out var query, out var error))
        {
            await _gate.RejectAsync(context, StatusCodes.Status400BadRequest, "Bad request", error, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var versions = ObjectVersionSelector.FindVersions(objects, objectId);
        if (versions.Count == 0)
        {
            await _gate.RejectAsync(context, StatusCodes.Status404NotFound, "Object not found", $"No object '{objectId}' in collection '{collectionId}'.", cancellationToken).ConfigureAwait(false);
            return null;
        }

        var selected = ObjectVersionSelector.Select(objects, versions, query);
        var start = 0;
        var pageNumber = 1;
        if (query.Next is not null)
        {
            if (!PageCursor.TryDecode(query.Next, out var cursor) || cursor.Position > selected.Count || cursor.FilterFingerprint != query.FilterFingerprint)
            {
                await _gate.RejectAsync(context, StatusCodes.Status400BadRequest, "Bad request", "next is not a cursor this server issued for this object and these filters.", cancellationToken).ConfigureAwait(false);
                return null;
            }

            start = (int)cursor.Position;
            pageNumber = cursor.PageNumber;
        }

        var limit = Math.Min(query.Limit ?? _options.DefaultPageSize, _options.MaxPageSize);
        var take = Math.Min(limit, selected.Count - start);
        var indexes = selected.GetRange(start, take);
        var end = start + take;
        var next = end < selected.Count ? new PageCursor(end, pageNumber + 1, query.FilterFingerprint).Encode() : null;
        var page = new ObjectPage(
            indexes,
            pageNumber,
            end < selected.Count ? end : null,
            indexes.Count > 0 ? objects.GetDateAdded(indexes[0]) : null,
            indexes.Count > 0 ? objects.GetDateAdded(indexes[^1]) : null);
        return (collection, objects, page, next);
    }
}
