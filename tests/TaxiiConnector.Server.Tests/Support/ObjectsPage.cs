using System.Text.Json;

namespace TaxiiConnector.Server.Tests.Support;

/// <summary>One Get Objects response, read fully.</summary>
internal sealed record ObjectsPage(bool? More, string? Next, IReadOnlyList<string> Ids, string? DateAddedFirst, string? DateAddedLast, string RawBody)
{
    public static async Task<ObjectsPage> ReadAsync(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(raw);
        var root = document.RootElement;
        bool? more = root.TryGetProperty("more", out var moreElement) ? moreElement.GetBoolean() : null;
        var next = root.TryGetProperty("next", out var nextElement) ? nextElement.GetString() : null;
        var ids = root.TryGetProperty("objects", out var objects)
            ? objects.EnumerateArray().Select(o => o.TryGetProperty("id", out var id) ? id.GetString()! : "<no id>").ToList()
            : [];
        return new ObjectsPage(more, next, ids, TaxiiHttp.Header(response, "X-TAXII-Date-Added-First"), TaxiiHttp.Header(response, "X-TAXII-Date-Added-Last"), raw);
    }

    public static async Task<ObjectsPage> GetAsync(HttpClient client, Uri objectsUrl, string query)
    {
        using var response = await TaxiiHttp.GetAsync(client, query.Length == 0 ? objectsUrl : TaxiiHttp.WithQuery(objectsUrl, query));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ReadAsync(response);
    }
}
