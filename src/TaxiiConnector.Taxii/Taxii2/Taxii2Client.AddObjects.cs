using System.Net.Http.Headers;
using System.Text.Json;
using TaxiiConnector.Taxii.Taxii2.Resources;

namespace TaxiiConnector.Taxii.Taxii2;

public sealed partial class Taxii2Client
{
    /// <summary>
    /// POSTs an envelope (2.1) or bundle (2.0), already serialised, to the collection and returns the status resource the
    /// server answers with (202). The body is sent with a real Content-Length (medallion rejects chunked POSTs).
    /// </summary>
    public async Task<TaxiiStatus> AddObjectsAsync(TaxiiCollection collection, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var url = collection.ObjectsUrl;
        var version = collection.Version == TaxiiVersion.V20 ? TaxiiVersion.V20 : TaxiiVersion.V21;
        using var response = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(envelope) };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(version == TaxiiVersion.V20 ? TaxiiMediaTypes.Stix20 : TaxiiMediaTypes.Taxii21);
                request.Content.Headers.ContentLength = envelope.Length;
                request.Headers.TryAddWithoutValidation("Accept", TaxiiMediaTypes.ResourceAccept(version));
                request.Options.Set(Resilience.ExactAcceptHandler.AcceptKey, TaxiiMediaTypes.ResourceAccept(version));
                request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
                return request;
            },
            cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await CreateRequestExceptionAsync(response, url, cancellationToken).ConfigureAwait(false);
        }

        using var document = await ReadDocumentAsync(response, url, version, cancellationToken).ConfigureAwait(false);
        return ParseStatus(RequireObject(document, url));
    }

    /// <summary>Reads <c>{api-root}status/{id}/</c>.</summary>
    public async Task<TaxiiStatus> GetStatusAsync(Uri apiRootUrl, string statusId, TaxiiVersion version = TaxiiVersion.Auto, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apiRootUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(statusId);
        var url = new Uri(UrlNames.WithTrailingSlash(apiRootUrl), "status/" + Uri.EscapeDataString(statusId) + "/");
        var (document, _, _) = await GetResourceAsync(url, Effective(version), cancellationToken).ConfigureAwait(false);
        using (document)
        {
            return ParseStatus(RequireObject(document, url));
        }
    }

    private static TaxiiStatus ParseStatus(JsonElement root) => new(
        GetString(root, "id") ?? string.Empty,
        GetString(root, "status") ?? "unknown",
        GetString(root, "request_timestamp"),
        GetLong(root, "total_count"),
        GetLong(root, "success_count"),
        GetLong(root, "failure_count"),
        GetLong(root, "pending_count"),
        GetDetails(root, "successes"),
        GetDetails(root, "failures"),
        GetDetails(root, "pendings"));

    private static long GetLong(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : 0;

    private static List<TaxiiStatusDetail> GetDetails(JsonElement root, string name)
    {
        var details = new List<TaxiiStatusDetail>();
        if (!root.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return details;
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                details.Add(new TaxiiStatusDetail(item.GetString()!, null, null));
            }
            else if (item.ValueKind == JsonValueKind.Object && GetString(item, "id") is { } id)
            {
                details.Add(new TaxiiStatusDetail(id, GetString(item, "version"), GetString(item, "message")));
            }
        }

        return details;
    }
}
