using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace TaxiiConnector.Taxii.Tests.Taxii2;

public sealed class DiscoveryTests : IDisposable
{
    private readonly ClientHarness _harness = new(o => o.Version = TaxiiVersion.Auto);

    public void Dispose() => _harness.Dispose();

    private void Serve(string path, string accept, int status, string contentType, string body) =>
        _harness.Server.Given(Request.Create().WithPath(path).UsingGet().WithHeader("Accept", accept))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body));

    [Fact]
    public async Task DiscoverAsync_RelativeAndAbsoluteRoots_ResolvedAgainstDiscoveryUrlWithTrailingSlash()
    {
        var absolute = new Uri(_harness.BaseUrl, "other/prefix/api3").AbsoluteUri;
        Serve("/taxii2/", "*2.1*", 200, Stix.Taxii21,
            $$"""{"title":"Some TAXII Server","description":"d","default":"/api1/","api_roots":["/api1/","/trustgroup/api2","{{absolute}}", 42, "/api1/"]}""");

        var discovery = await _harness.RunAsync(() => _harness.Client.DiscoverAsync(new Uri(_harness.BaseUrl, "taxii2")));

        discovery.Version.Should().Be(TaxiiVersion.V21);
        discovery.Title.Should().Be("Some TAXII Server");
        discovery.DiscoveryUrl.Should().Be(new Uri(_harness.BaseUrl, "taxii2/"));
        discovery.Default.Should().Be(new Uri(_harness.BaseUrl, "api1/"));
        discovery.ApiRoots.Should().Equal(
            new Uri(_harness.BaseUrl, "api1/"),
            new Uri(_harness.BaseUrl, "trustgroup/api2/"),
            new Uri(_harness.BaseUrl, "other/prefix/api3/"));
    }

    [Fact]
    public async Task DiscoverAsync_NoApiRootsKey_ReturnsEmptyList()
    {
        Serve("/taxii2/", "*2.1*", 200, Stix.Taxii21, """{"title":"Lonely"}""");

        var discovery = await _harness.RunAsync(() => _harness.Client.DiscoverAsync(new Uri(_harness.BaseUrl, "taxii2/")));

        discovery.ApiRoots.Should().BeEmpty();
        discovery.Default.Should().BeNull();
    }

    [Theory]
    [InlineData(406, Stix.Taxii21)]
    [InlineData(404, Stix.Taxii21)]
    [InlineData(200, "text/html")]
    public async Task DiscoverAsync_AutoAndServerIsNot21_ProbesTaxii20(int status21, string contentType21)
    {
        Serve("/taxii/", "application/taxii+json*", status21, contentType21, status21 == 200 ? """{"title":"html?"}""" : "{}");
        Serve("/taxii/", "application/vnd.oasis.taxii+json*", 200, Stix.Taxii20, """{"title":"Old server","api_roots":["/api/"]}""");

        var discovery = await _harness.RunAsync(() => _harness.Client.DiscoverAsync(new Uri(_harness.BaseUrl, "taxii/")));

        discovery.Version.Should().Be(TaxiiVersion.V20);
        discovery.Title.Should().Be("Old server");
        _harness.Server.LogEntries.InOrder().Select(e => e.Header("Accept")!.Replace(" ", "", StringComparison.Ordinal))
            .Should().Equal("application/taxii+json;version=2.1", "application/vnd.oasis.taxii+json;version=2.0");
    }

    [Fact]
    public async Task GetCollectionsAsync_SpecExactResource_ParsesEveryFieldAndBuildsUrls()
    {
        Serve("/api1/collections/", "*", 200, Stix.Taxii21 + "; charset=utf-8", """
            {"collections":[
              {"id":"91a7b528-80eb-42ed-a74d-c6fbd5a26116","title":"High Value Indicator Collection","description":"This data collection is for collecting high value IOCs",
               "alias":"hvi","can_read":true,"can_write":false,"media_types":["application/stix+json;version=2.1"]},
              {"id":"52892447-4d7e-4f70-b94d-d7f22742ff63","title":"Write only","can_read":false,"can_write":true},
              {"title":"no id, skipped"}
            ]}
            """);

        var collections = await _harness.RunAsync(() => _harness.Client.GetCollectionsAsync(new Uri(_harness.BaseUrl, "api1"), TaxiiVersion.V21));

        collections.Should().HaveCount(2);
        var first = collections[0];
        (first.Id, first.Title, first.Alias, first.CanRead, first.CanWrite).Should().Be(
            ("91a7b528-80eb-42ed-a74d-c6fbd5a26116", "High Value Indicator Collection", "hvi", true, false));
        first.Description.Should().Be("This data collection is for collecting high value IOCs");
        first.MediaTypes.Should().Equal("application/stix+json;version=2.1");
        first.ObjectsUrl.Should().Be(new Uri(_harness.BaseUrl, "api1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/objects/"));
        first.ApiRootName.Should().Be("api1");
        collections[1].CanRead.Should().BeFalse();
        collections[1].MediaTypes.Should().BeEmpty();
        _harness.Logs.AllText.Should().Contain("without an id").And.NotContain("reading it as JSON anyway", "a charset parameter is still TAXII");
    }

    [Fact]
    public async Task GetCollectionsAsync_EmptyObject_MeansNoCollections()
    {
        Serve("/api1/collections/", "*", 200, Stix.Taxii21, "{}");

        var collections = await _harness.RunAsync(() => _harness.Client.GetCollectionsAsync(new Uri(_harness.BaseUrl, "api1/"), TaxiiVersion.V21));

        collections.Should().BeEmpty();
    }

    [Fact]
    public async Task GetApiRootAsync_ReadsVersionsAndMaxContentLength()
    {
        Serve("/api1/", "*", 200, Stix.Taxii21,
            """{"title":"Malware Research Group","versions":["application/taxii+json;version=2.1"],"max_content_length":104857600}""");

        var root = await _harness.RunAsync(() => _harness.Client.GetApiRootAsync(new Uri(_harness.BaseUrl, "api1/"), TaxiiVersion.V21));

        root.Title.Should().Be("Malware Research Group");
        root.Versions.Should().Equal("application/taxii+json;version=2.1");
        root.MaxContentLength.Should().Be(104857600);
        root.Name.Should().Be("api1");
    }

    [Fact]
    public async Task GetCollectionsAsync_PlainJsonContentType_IsReadAndWarnedAboutOnce()
    {
        Serve("/api1/collections/", "*", 200, "application/json", """{"collections":[{"id":"c1","title":"t","can_read":true,"can_write":false}]}""");

        await _harness.RunAsync(() => _harness.Client.GetCollectionsAsync(new Uri(_harness.BaseUrl, "api1/"), TaxiiVersion.V21));
        var again = await _harness.RunAsync(() => _harness.Client.GetCollectionsAsync(new Uri(_harness.BaseUrl, "api1/"), TaxiiVersion.V21));

        again.Should().ContainSingle();
        _harness.Logs.Lines.Count(l => l.Text.Contains("Content-Type application/json", StringComparison.Ordinal)).Should().Be(1);
    }
}
