using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Server.Push;

/// <summary>
/// The push API root: discovery, API root, collections (write-only), Add Objects and status, every one behind
/// authentication. Checks run in the order the spec's error list implies: 401, 404, 403, 406, 415, 413, 422.
/// </summary>
internal sealed class TaxiiPushEndpoints
{
    private static readonly StringValues Challenges = new(["Basic realm=\"TAXII\", charset=\"UTF-8\"", "Bearer realm=\"TAXII\""]);

    private readonly TaxiiPushHostOptions _options;
    private readonly TaxiiPushSpool _spool;
    private readonly PushAuthenticator _authenticator;
    private readonly ILogger _logger;

    public TaxiiPushEndpoints(TaxiiPushHostOptions options, TaxiiPushSpool spool, ILogger logger)
    {
        _options = options;
        _spool = spool;
        _authenticator = new PushAuthenticator(options.Users);
        _logger = logger;
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        var root = "/" + _options.ApiRoot;
        routes.MapGet("/taxii2/", GetDiscoveryAsync);
        routes.MapGet(root + "/", GetApiRootAsync);
        routes.MapGet(root + "/collections/", GetCollectionsAsync);
        routes.MapGet(root + "/collections/{collectionId}/", GetCollectionAsync);
        routes.MapGet(root + "/collections/{collectionId}/objects/", GetObjectsAsync);
        routes.MapPost(root + "/collections/{collectionId}/objects/", PostObjectsAsync);
        routes.MapGet(root + "/status/{statusId}/", GetStatusAsync);
    }

    private async Task GetDiscoveryAsync(HttpContext context)
    {
        if (await AuthenticateAsync(context, requireTaxiiAccept: true).ConfigureAwait(false) is null)
        {
            return;
        }

        await TaxiiServiceResources.WriteDiscoveryAsync(context, _options.Title, _options.Description, $"/{_options.ApiRoot}/", context.RequestAborted).ConfigureAwait(false);
    }

    private async Task GetApiRootAsync(HttpContext context)
    {
        if (await AuthenticateAsync(context, requireTaxiiAccept: true).ConfigureAwait(false) is null)
        {
            return;
        }

        await TaxiiServiceResources.WriteApiRootAsync(context, _options.ApiRootTitle, _options.MaxContentLength, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task GetCollectionsAsync(HttpContext context)
    {
        var user = await AuthenticateAsync(context, requireTaxiiAccept: true).ConfigureAwait(false);
        if (user is null)
        {
            return;
        }

        await TaxiiResponses.WriteResourceAsync(
            context,
            StatusCodes.Status200OK,
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("collections"u8);
                foreach (var collection in _options.Collections)
                {
                    WriteCollection(writer, collection, user);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            },
            context.RequestAborted).ConfigureAwait(false);
    }

    private async Task GetCollectionAsync(HttpContext context, string collectionId)
    {
        if (await AuthenticateForCollectionAsync(context, collectionId, requireTaxiiAccept: true).ConfigureAwait(false) is not (var user, var collection))
        {
            return;
        }

        await TaxiiResponses.WriteResourceAsync(context, StatusCodes.Status200OK, writer => WriteCollection(writer, collection, user), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task GetObjectsAsync(HttpContext context, string collectionId)
    {
        if (await AuthenticateForCollectionAsync(context, collectionId, requireTaxiiAccept: true).ConfigureAwait(false) is null)
        {
            return;
        }

        await RejectAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "Push collections are write-only (can_read is false).").ConfigureAwait(false);
    }

    private async Task PostObjectsAsync(HttpContext context, string collectionId)
    {
        await AddObjectsAsync(context, collectionId).ConfigureAwait(false);
        if (_options.EnvelopeObserved is { } observed)
        {
            var known = _options.Collections.Any(c => string.Equals(c.Id, collectionId, StringComparison.OrdinalIgnoreCase));
            observed(known ? collectionId : "unknown", context.Response.StatusCode == StatusCodes.Status202Accepted);
        }
    }

    private async Task AddObjectsAsync(HttpContext context, string collectionId)
    {
        var cancellationToken = context.RequestAborted;
        if (await AuthenticateForCollectionAsync(context, collectionId, requireTaxiiAccept: false).ConfigureAwait(false) is not (var user, var collection))
        {
            return;
        }

        if (!user.CanWrite(collection.Id))
        {
            await RejectAsync(context, StatusCodes.Status403Forbidden, "Forbidden", $"User '{user.Name}' may not write to collection '{collection.Id}'.").ConfigureAwait(false);
            return;
        }

        if (!TaxiiAcceptHeader.AcceptsTaxii21(context.Request.Headers.Accept))
        {
            await RejectAsync(context, TaxiiError.NotAcceptable).ConfigureAwait(false);
            return;
        }

        if (!TaxiiAcceptHeader.AcceptsTaxii21([context.Request.ContentType]))
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send Content-Type: {TaxiiMediaTypes.Taxii21} with a TAXII envelope.").ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentLength > _options.MaxContentLength)
        {
            await RejectTooLargeAsync(context).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context.Request, _options.MaxContentLength, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            await RejectTooLargeAsync(context).ConfigureAwait(false);
            return;
        }

        var requestTimestamp = TaxiiTimestamp.TruncateToMicroseconds(_options.TimeProvider.GetUtcNow());
        if (!PushEnvelopeValidator.TryValidate(body.WrittenMemory, requestTimestamp, out var objects, out var error))
        {
            await RejectAsync(context, StatusCodes.Status422UnprocessableEntity, "Unprocessable envelope", error).ConfigureAwait(false);
            return;
        }

        var envelope = await _spool.AppendAsync(collection.Id, user.Name, requestTimestamp, body.WrittenMemory, objects, cancellationToken).ConfigureAwait(false);
        Log.EnvelopeAccepted(_logger, objects.Count, user.Name, collection.Id, envelope.StatusId);
        await WriteStatusAsync(context, StatusCodes.Status202Accepted, _spool.GetStatus(envelope.StatusId)!).ConfigureAwait(false);
    }

    private async Task GetStatusAsync(HttpContext context, string statusId)
    {
        var user = await AuthenticateAsync(context, requireTaxiiAccept: true).ConfigureAwait(false);
        if (user is null)
        {
            return;
        }

        // Another partner's status is as unknown as a missing one.
        var status = _spool.GetStatus(statusId);
        if (status is null || !user.CanWrite(status.CollectionId))
        {
            await RejectAsync(context, StatusCodes.Status404NotFound, "Status not found", $"No status '{statusId}'.").ConfigureAwait(false);
            return;
        }

        await WriteStatusAsync(context, StatusCodes.Status200OK, status).ConfigureAwait(false);
    }

    private async Task<TaxiiPushUser?> AuthenticateAsync(HttpContext context, bool requireTaxiiAccept)
    {
        var user = _authenticator.Authenticate(context.Request.Headers.Authorization);
        if (user is null)
        {
            context.Response.Headers.WWWAuthenticate = Challenges;
            await RejectAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "Valid credentials (HTTP Basic or a bearer token) are required.").ConfigureAwait(false);
            return null;
        }

        if (requireTaxiiAccept && !TaxiiAcceptHeader.AcceptsTaxii21(context.Request.Headers.Accept))
        {
            await RejectAsync(context, TaxiiError.NotAcceptable).ConfigureAwait(false);
            return null;
        }

        return user;
    }

    /// <summary>The caller and the collection the URL names, or null once the 401, 406 or 404 is answered.</summary>
    private async Task<(TaxiiPushUser User, TaxiiPushCollection Collection)?> AuthenticateForCollectionAsync(
        HttpContext context, string collectionId, bool requireTaxiiAccept)
    {
        var user = await AuthenticateAsync(context, requireTaxiiAccept).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        var collection = FindCollection(collectionId);
        if (collection is null)
        {
            await RejectAsync(context, TaxiiError.CollectionNotFound(collectionId)).ConfigureAwait(false);
            return null;
        }

        return (user, collection);
    }

    private static async Task<ArrayBufferWriter<byte>?> ReadBodyAsync(HttpRequest request, long maxLength, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 16 * 1024, maxLength) + 1);
        while (true)
        {
            var read = await request.Body.ReadAsync(body.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return body;
            }

            body.Advance(read);
            if (body.WrittenCount > maxLength)
            {
                return null;
            }
        }
    }

    private Task RejectTooLargeAsync(HttpContext context) =>
        RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body exceeds max_content_length ({_options.MaxContentLength} octets); split the envelope.");

    private Task RejectAsync(HttpContext context, TaxiiError error) => RejectAsync(context, error.StatusCode, error.Title, error.Description);

    private Task RejectAsync(HttpContext context, int statusCode, string title, string? description)
    {
        Log.PushRejected(_logger, context.Request.Method, context.Request.Path, statusCode, description ?? title);
        return TaxiiResponses.WriteErrorAsync(context, statusCode, title, description, context.RequestAborted);
    }

    private TaxiiPushCollection? FindCollection(string collectionId) =>
        _options.Collections.FirstOrDefault(c => string.Equals(c.Id, collectionId, StringComparison.Ordinal));

    private static void WriteCollection(Utf8JsonWriter writer, TaxiiPushCollection collection, TaxiiPushUser user)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, collection.Id);
        writer.WriteString("title"u8, collection.Title);
        if (collection.Description is not null)
        {
            writer.WriteString("description"u8, collection.Description);
        }

        writer.WriteBoolean("can_read"u8, false);
        writer.WriteBoolean("can_write"u8, user.CanWrite(collection.Id));
        writer.WriteStartArray("media_types"u8);
        writer.WriteStringValue(TaxiiMediaTypes.Stix21);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static Task WriteStatusAsync(HttpContext context, int statusCode, PushStatus status) =>
        TaxiiResponses.WriteResourceAsync(
            context,
            statusCode,
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("id"u8, status.Id);
                writer.WriteString("status"u8, status.Status);
                writer.WriteString("request_timestamp"u8, TaxiiTimestamp.Format(status.RequestTimestamp));
                writer.WriteNumber("total_count"u8, status.TotalCount);
                writer.WriteNumber("success_count"u8, status.Successes.Count);
                WriteDetails(writer, "successes"u8, status.Successes.Select(s => (s.Id, s.Version, s.Message)));
                writer.WriteNumber("failure_count"u8, status.Failures.Count);
                WriteDetails(writer, "failures"u8, status.Failures.Select(f => (f.Id, f.Version, f.Message)));
                writer.WriteNumber("pending_count"u8, status.Pendings.Count);
                WriteDetails(writer, "pendings"u8, status.Pendings.Select(p => (p.Id, p.Version, (string?)null)));
                writer.WriteEndObject();
            },
            context.RequestAborted);

    private static void WriteDetails(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IEnumerable<(string Id, string Version, string? Message)> details)
    {
        var started = false;
        foreach (var (id, version, message) in details)
        {
            // TAXII forbids empty lists, so the array is only opened for a first entry.
            if (!started)
            {
                writer.WriteStartArray(name);
                started = true;
            }

            writer.WriteStartObject();
            writer.WriteString("id"u8, id);
            writer.WriteString("version"u8, version);
            if (message is not null)
            {
                writer.WriteString("message"u8, message);
            }

            writer.WriteEndObject();
        }

        if (started)
        {
            writer.WriteEndArray();
        }
    }
}
