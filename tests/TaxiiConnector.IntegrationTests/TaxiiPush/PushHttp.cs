using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TaxiiConnector.IntegrationTests.TaxiiPush;

/// <summary>Raw HTTP against the push endpoint, exactly as a partner's tool would send it.</summary>
internal static class PushHttp
{
    public const string Taxii21 = "application/taxii+json;version=2.1";

    public static HttpClient CreateClient() => new() { Timeout = TimeSpan.FromSeconds(60) };

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public static HttpRequestMessage Post(Uri url, byte[] body, AuthenticationHeaderValue? auth, string contentType = Taxii21, string accept = Taxii21)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.Authorization = auth;
        return request;
    }

    public static HttpRequestMessage Get(Uri url, AuthenticationHeaderValue? auth)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", Taxii21);
        request.Headers.Authorization = auth;
        return request;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
