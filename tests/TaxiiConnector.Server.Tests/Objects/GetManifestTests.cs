using System.Buffers;
using System.Net;
using System.Text.Json;
using TaxiiConnector.Testing.Faults;
using TaxiiConnector.Server.Objects;
using TaxiiConnector.Server.Tests.Support;
using TaxiiConnector.Testing.Generated;

namespace TaxiiConnector.Server.Tests.Objects;

public sealed class GetManifestTests
{
    [Fact]
    public async Task GetManifest_LimitAndNext_ListsOneRecordPerObjectWithDateAddedAndVersion()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(5));
        using var client = TaxiiHttp.CreateClient();
        var url = new Uri(server.GetCollectionUrl(TestCollections.CollectionId), "manifest/");

        using var first = await TaxiiHttp.GetAsync(client, TaxiiHttp.WithQuery(url, "limit=3"));
        using var firstBody = await TaxiiHttp.ReadJsonAsync(first);
        var next = firstBody.RootElement.GetProperty("next").GetString()!;
        using var second = await TaxiiHttp.GetAsync(client, TaxiiHttp.WithQuery(url, "limit=3&next=" + Uri.EscapeDataString(next)));
        using var secondBody = await TaxiiHttp.ReadJsonAsync(second);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        TaxiiHttp.ContentType(first).Should().Be("application/taxii+json;version=2.1");
        TaxiiHttp.Header(first, "X-TAXII-Date-Added-Last").Should().Be(TestCollections.Timestamp(2));
        firstBody.RootElement.GetProperty("more").GetBoolean().Should().BeTrue();
        var records = firstBody.RootElement.GetProperty("objects").EnumerateArray().Concat(secondBody.RootElement.GetProperty("objects").EnumerateArray()).ToList();
        records.Select(r => r.GetProperty("id").GetString()).Should().Equal(Enumerable.Range(0, 5).Select(TestCollections.IdOf));
        records.Select(r => r.GetProperty("date_added").GetString()).Should().Equal(Enumerable.Range(0, 5).Select(TestCollections.Timestamp));
        records[0].GetProperty("version").GetString().Should().Be("2026-02-01T00:00:00.000Z");
        records[2].GetProperty("version").GetString().Should().Be(TestCollections.Timestamp(2), "an observable without modified/created is versioned by its date_added");
        records.Should().OnlyContain(r => r.GetProperty("media_type").GetString() == "application/stix+json;version=2.1");
        secondBody.RootElement.GetProperty("more").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task GetManifest_StatusFaultForManifest_DoesNotCountAsAnObjectsRequest()
    {
        var plan = new ScriptedFaultPlan().When(r => r.Endpoint == TaxiiEndpoint.Manifest, TaxiiFault.ServiceUnavailable(), times: 1);
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(2), plan);
        using var client = TaxiiHttp.CreateClient();

        using var manifest = await TaxiiHttp.GetAsync(client, new Uri(server.GetCollectionUrl(TestCollections.CollectionId), "manifest/"));

        manifest.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        server.ObjectsRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task WritePageAsync_SameRangeAsServed_RendersTheSameObjects()
    {
        var store = TestCollections.Create(8);
        var objects = store.FindObjects(TestCollections.CollectionId)!;
        await using var server = await ServerFactory.StartAsync(store);
        using var client = TaxiiHttp.CreateClient();
        var served = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "limit=4");
        var output = new ArrayBufferWriter<byte>();

        await TaxiiEnvelopePages.WritePageAsync(objects, 0, 4, output, CancellationToken.None);

        using var rendered = JsonDocument.Parse(output.WrittenMemory);
        using var fromServer = JsonDocument.Parse(served.RawBody);
        rendered.RootElement.GetProperty("more").GetBoolean().Should().BeTrue();
        rendered.RootElement.GetProperty("objects").GetRawText().Should().Be(fromServer.RootElement.GetProperty("objects").GetRawText());
    }
}
