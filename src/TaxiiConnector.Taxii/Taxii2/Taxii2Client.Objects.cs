using System.Net;
using System.Text.Json;
using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;

namespace TaxiiConnector.Taxii.Taxii2;

public sealed partial class Taxii2Client
{
    private const string DateAddedFirstHeader = "X-TAXII-Date-Added-First";
    private const string DateAddedLastHeader = "X-TAXII-Date-Added-Last";

    /// <summary>The <c>limit</c> a 413 halves when the query set none (the server's default is unknown).</summary>
    private const int LimitBeforeFirstHalving = 200;

    /// <summary>One GET of objects: the parsed body, or the failure the pager decides about.</summary>
    private sealed record ObjectsResponse(
        HttpStatusCode Status,
        ParsedBody? Body,
        string? DateAddedFirst,
        string? DateAddedLast,
        string? ContentRange,
        TaxiiException? Failure);

    private async Task<ObjectsResponse> FetchObjectsAsync(Uri url, TaxiiVersion version, string? range, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(
                () =>
                {
                    var request = NewGet(url, TaxiiMediaTypes.ObjectsAccept(version));
                    if (range is not null)
                    {
                        request.Headers.TryAddWithoutValidation("Range", range);
                    }

                    return request;
                },
                cancellationToken).ConfigureAwait(false);

            var contentRange = response.Content.Headers.TryGetValues("Content-Range", out var ranges) ? ranges.FirstOrDefault() : null;
            if (!response.IsSuccessStatusCode)
            {
                var failure = await CreateRequestExceptionAsync(response, url, cancellationToken).ConfigureAwait(false);
                return new ObjectsResponse(response.StatusCode, null, null, null, contentRange, failure);
            }

            var body = await ReadBodyAsync(response, url, version, wholeBodyFirst: true, cancellationToken).ConfigureAwait(false);
            return new ObjectsResponse(
                response.StatusCode,
                body,
                Header(response, DateAddedFirstHeader),
                Header(response, DateAddedLastHeader),
                contentRange,
                null);
        }
        catch (TaxiiProtocolException ex) when (ex.IsTransient)
        {
            return new ObjectsResponse(0, null, null, null, null, ex);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    /// <summary>The <c>objects</c> array of an envelope (2.1) or bundle (2.0); absent means none.</summary>
    private static List<JsonElement> ReadObjects(JsonDocument document, Uri url)
    {
        var root = RequireObject(document, url);
        var objects = new List<JsonElement>();
        if (root.TryGetProperty("objects", out var array))
        {
            if (array.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in array.EnumerateArray())
                {
                    objects.Add(item);
                }
            }
            else if (array.ValueKind != JsonValueKind.Null)
            {
                throw new TaxiiProtocolException($"The response of {url} has an 'objects' member that is not an array.", url, isTransient: false);
            }
        }

        return objects;
    }

    private void ThrowIfNotReadable(TaxiiCollection collection)
    {
        if (!collection.CanRead)
        {
            throw new TaxiiException($"Collection {collection.Id} ({collection.Title}) at {collection.ApiRootUrl} is can_read: false for these credentials.");
        }
    }

    private static TaxiiPaginationException PagingStopped(string reason, TaxiiCollection collection, int pages, string? cursor) =>
        new(reason, collection.ApiRootUrl, collection.Id, pages, cursor);

    private void NoteInvalidDateHeader(string? raw, Uri url, ref bool warned)
    {
        if (!warned && raw is not null && !TaxiiTimestamp.TryParse(raw, out _))
        {
            warned = true;
            Log.InvalidDateAddedHeader(_logger, url, raw);
        }
    }
}
