using System.Net;
using System.Text;
using System.Text.Json;
using TaxiiConnector.Server.Storage;
using TaxiiConnector.Server.Tests.Support;

namespace TaxiiConnector.Server.Tests.Objects;

/// <summary>
/// Get an Object (TAXII 2.1 §5.6) and Get Object Versions (§5.8) through the real server, in the shapes the OASIS client
/// sends them: taxii2client.v21 <c>Collection.get_object(id, version=...)</c> is <c>GET {objects_url}{id}/</c> and
/// <c>Collection.object_versions(id)</c> is <c>GET {objects_url}{id}/versions/</c>, each with
/// <c>Accept: application/taxii+json;version=2.1</c> and its filters as <c>match[...]</c> query parameters (percent-encoded
/// by requests). One object here has three versions stored on three days, with another object stored in between.
/// </summary>
public sealed class SingleObjectTests : IAsyncLifetime
{
    private const string CollectionId = "0b7d1a52-55a4-4d53-8c9f-0d2d7b0a8e31";
    private const string ObjectId = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
    private const string OtherId = "malware--31b940d4-6f7f-459a-80ea-9c1f17b58abc";
    private static readonly string[] Versions = ["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", "2026-02-15T00:00:00.000Z"];
    private static readonly string[] DatesAdded = ["2026-03-01T00:00:00.000000Z", "2026-03-03T00:00:00.000000Z", "2026-03-04T00:00:00.000000Z"];

    private TaxiiConnector.Server.Hosting.TaxiiServerHost _server = null!;
    private readonly HttpClient _client = TaxiiHttp.CreateClient();

    public async Task InitializeAsync()
    {
        var store = new InMemoryTaxiiObjectStore().AddCollection(new TaxiiCollectionInfo(CollectionId, "Versions"));
        Add(store, Indicator(Versions[0]), DatesAdded[0]);
        Add(store, $$"""{"type":"malware","spec_version":"2.1","id":"{{OtherId}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"Other","is_family":true}""", "2026-03-02T00:00:00Z");
        Add(store, Indicator(Versions[1]), DatesAdded[1]);
        Add(store, Indicator(Versions[2]), DatesAdded[2]);
        _server = await ServerFactory.StartAsync(store);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task GetAnObject_Section5_6_DefaultMatchVersionLast_ReturnsTheNewestVersionWithDateAddedHeaders()
    {
        using var response = await TaxiiHttp.GetAsync(_client, ObjectUrl(ObjectId));
        using var body = await TaxiiHttp.ReadJsonAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
        TaxiiHttp.Header(response, "X-TAXII-Date-Added-First").Should().Be("2026-03-04T00:00:00.000000Z");
        TaxiiHttp.Header(response, "X-TAXII-Date-Added-Last").Should().Be("2026-03-04T00:00:00.000000Z");
        body.RootElement.GetProperty("more").GetBoolean().Should().BeFalse();
        ModifiedOf(body).Should().Equal(Versions[2]);
    }

    [Theory]
    [InlineData("all", new[] { 0, 1, 2 })]
    [InlineData("first", new[] { 0 })]
    [InlineData("last", new[] { 2 })]
    [InlineData("first,last", new[] { 0, 2 })]
    [InlineData("2026-02-01T00:00:00.000Z", new[] { 1 })]
    [InlineData("2026-02-01T00:00:00Z,2026-01-01T00:00:00.000Z", new[] { 0, 1 })]
    public async Task GetAnObject_Section5_6_MatchVersion_SelectsThoseVersionsAscendingByDateAdded(string version, int[] expected)
    {
        // requests percent-encodes the brackets: match%5Bversion%5D.
        using var response = await TaxiiHttp.GetAsync(_client, TaxiiHttp.WithQuery(ObjectUrl(ObjectId), "match%5Bversion%5D=" + Uri.EscapeDataString(version)));
        using var body = await TaxiiHttp.ReadJsonAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ModifiedOf(body).Should().Equal(expected.Select(i => Versions[i]));
        TaxiiHttp.Header(response, "X-TAXII-Date-Added-First").Should().Be(DatesAdded[expected[0]]);
        TaxiiHttp.Header(response, "X-TAXII-Date-Added-Last").Should().Be(DatesAdded[expected[^1]]);
    }

    [Fact]
    public async Task GetAnObject_Section5_6_AddedAfterLimitAndNext_PagesTheSelectedVersions()
    {
        var query = "match[version]=all&added_after=2026-03-01T00:00:00Z&limit=1";

        using var first = await TaxiiHttp.GetAsync(_client, TaxiiHttp.WithQuery(ObjectUrl(ObjectId), query));
        using var firstBody = await TaxiiHttp.ReadJsonAsync(first);
        var next = firstBody.RootElement.GetProperty("next").GetString()!;
        using var second = await TaxiiHttp.GetAsync(_client, TaxiiHttp.WithQuery(ObjectUrl(ObjectId), query + "&next=" + Uri.EscapeDataString(next)));
        using var secondBody = await TaxiiHttp.ReadJsonAsync(second);

        firstBody.RootElement.GetProperty("more").GetBoolean().Should().BeTrue();
        ModifiedOf(firstBody).Should().Equal(Versions[1]);
        secondBody.RootElement.GetProperty("more").GetBoolean().Should().BeFalse();
        secondBody.RootElement.TryGetProperty("next", out _).Should().BeFalse();
        ModifiedOf(secondBody).Should().Equal(Versions[2]);
    }

    [Fact]
    public async Task GetAnObject_Section5_6_FiltersExcludeEveryVersion_AnswersAnEmptyEnvelope()
    {
        using var response = await TaxiiHttp.GetAsync(_client, TaxiiHttp.WithQuery(ObjectUrl(ObjectId), "added_after=2026-12-01T00:00:00Z"));
        using var body = await TaxiiHttp.ReadJsonAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.RootElement.TryGetProperty("objects", out _).Should().BeFalse("TAXII leaves an empty list out");
        TaxiiHttp.Header(response, "X-TAXII-Date-Added-First").Should().BeNull();
    }

    [Theory]
    [InlineData("objects/indicator--00000000-0000-4000-8000-000000000000/")]
    [InlineData("objects/indicator--00000000-0000-4000-8000-000000000000/versions/")]
    public async Task GetAnObjectAndVersions_Section5_6And5_8_UnknownObject_Answers404WithAnErrorMessage(string path)
    {
        using var response = await TaxiiHttp.GetAsync(_client, new Uri(_server.GetCollectionUrl(CollectionId), path));
        using var body = await TaxiiHttp.ReadJsonAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
        body.RootElement.GetProperty("title").GetString().Should().Be("Object not found");
    }

    [Fact]
    public async Task GetAnObject_UnknownCollectionOrWrongAccept_Answers404Or406()
    {
        using var unknownCollection = await TaxiiHttp.GetAsync(_client, new Uri(_server.GetCollectionUrl("no-such-collection"), $"objects/{ObjectId}/"));
        using var wrongAccept = await TaxiiHttp.GetAsync(_client, ObjectUrl(ObjectId), accept: "application/json");

        unknownCollection.StatusCode.Should().Be(HttpStatusCode.NotFound);
        wrongAccept.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task GetObjectVersions_Section5_8_ListsEveryVersionWithDateAddedHeaders()
    {
        using var response = await TaxiiHttp.GetAsync(_client, VersionsUrl(ObjectId));
        using var body = await TaxiiHttp.ReadJsonAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
        TaxiiHttp.Header(response, "X-TAXII-Date-Added-First").Should().Be(DatesAdded[0]);
        TaxiiHttp.Header(response, "X-TAXII-Date-Added-Last").Should().Be(DatesAdded[2]);
        body.RootElement.GetProperty("more").GetBoolean().Should().BeFalse();
        body.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetString()).Should().Equal(Versions);
    }

    [Fact]
    public async Task GetObjectVersions_Section5_8_AddedAfterLimitAndNext_PagesTheVersions()
    {
        var query = "added_after=2026-03-01T00:00:00Z&limit=1";

        using var first = await TaxiiHttp.GetAsync(_client, TaxiiHttp.WithQuery(VersionsUrl(ObjectId), query));
        using var firstBody = await TaxiiHttp.ReadJsonAsync(first);
        var next = firstBody.RootElement.GetProperty("next").GetString()!;
        using var second = await TaxiiHttp.GetAsync(_client, TaxiiHttp.WithQuery(VersionsUrl(ObjectId), query + "&next=" + Uri.EscapeDataString(next)));
        using var secondBody = await TaxiiHttp.ReadJsonAsync(second);
        using var otherFilters = await TaxiiHttp.GetAsync(_client, TaxiiHttp.WithQuery(VersionsUrl(ObjectId), "limit=1&next=" + Uri.EscapeDataString(next)));

        firstBody.RootElement.GetProperty("more").GetBoolean().Should().BeTrue();
        firstBody.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetString()).Should().Equal(Versions[1]);
        secondBody.RootElement.GetProperty("more").GetBoolean().Should().BeFalse();
        secondBody.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetString()).Should().Equal(Versions[2]);
        otherFilters.StatusCode.Should().Be(HttpStatusCode.BadRequest, "next belongs to the filters it was issued with");
    }

    private Uri ObjectUrl(string id) => new(_server.GetObjectsUrl(CollectionId), id + "/");

    private Uri VersionsUrl(string id) => new(_server.GetObjectsUrl(CollectionId), id + "/versions/");

    private static string Indicator(string modified) =>
        $$"""{"type":"indicator","spec_version":"2.1","id":"{{ObjectId}}","created":"2026-01-01T00:00:00.000Z","modified":"{{modified}}","pattern":"[ipv4-addr:value = '203.0.113.7']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"}""";

    private static void Add(InMemoryTaxiiObjectStore store, string json, string dateAdded) =>
        store.Add(CollectionId, Encoding.UTF8.GetBytes(json), DateTimeOffset.Parse(dateAdded, System.Globalization.CultureInfo.InvariantCulture));

    private static List<string?> ModifiedOf(JsonDocument body) =>
        body.RootElement.TryGetProperty("objects", out var objects)
            ? [.. objects.EnumerateArray().Select(o => o.GetProperty("modified").GetString())]
            : [];
}
