using System.Text.Json;

namespace TaxiiConnector.Server.Tests.Support;

/// <summary>Plain HttpClient calls the way a TAXII 2.1 client makes them.</summary>
internal static class TaxiiHttp
{
    public const string MediaType = "application/taxii+json;version=2.1";

    public static HttpClient CreateClient() => new() { Timeout = TimeSpan.FromSeconds(60) };

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, Uri url, string? accept = MediaType)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>The Content-Type exactly as the server wrote it (HttpClient's parsed form would re-space it).</summary>
    public static string ContentType(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? string.Join(",", values) : "";

    public static Uri WithQuery(Uri url, string query) => new(url + "?" + query);
}
