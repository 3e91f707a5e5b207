using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Hosting;
using TaxiiConnector.Server.Storage;
using TaxiiConnector.Server.Tests.Support;

namespace TaxiiConnector.Server.Tests.Hosting;

public sealed class TaxiiServerHostResourceTests
{
    [Fact]
    public async Task StartAsync_PortZero_BindsLoopbackAndReportsBaseUrl()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(1));

        server.BaseUrl.Host.Should().Be("127.0.0.1");
        server.BaseUrl.Port.Should().BeGreaterThan(0);
        server.BaseUrl.AbsoluteUri.Should().EndWith("/");
        server.DiscoveryUrl.AbsoluteUri.Should().Be(server.BaseUrl.AbsoluteUri + "taxii2/");
        server.ApiRootUrl.AbsoluteUri.Should().Be(server.BaseUrl.AbsoluteUri + "api1/");
        server.GetObjectsUrl(TestCollections.CollectionId).AbsoluteUri
            .Should().Be($"{server.BaseUrl}api1/collections/{TestCollections.CollectionId}/objects/");
    }

    [Fact]
    public async Task GetDiscovery_TaxiiAccept_ReturnsDiscoveryResourceWithRelativeApiRoot()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(1));
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, server.DiscoveryUrl);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
        using var body = await TaxiiHttp.ReadJsonAsync(response);
        body.RootElement.GetProperty("title").GetString().Should().Be("TaxiiConnector TAXII 2.1 server");
        body.RootElement.GetProperty("default").GetString().Should().Be("/api1/");
        body.RootElement.GetProperty("api_roots").EnumerateArray().Select(e => e.GetString()).Should().Equal("/api1/");
        new Uri(server.DiscoveryUrl, body.RootElement.GetProperty("default").GetString()).Should().Be(server.ApiRootUrl);
    }

    [Fact]
    public async Task GetDiscovery_AbsoluteApiRootUrls_AdvertisesReachableAbsoluteUrl()
    {
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = TestCollections.Create(1), AbsoluteApiRootUrls = true });
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, server.DiscoveryUrl);
        using var body = await TaxiiHttp.ReadJsonAsync(response);

        body.RootElement.GetProperty("api_roots")[0].GetString().Should().Be(server.ApiRootUrl.AbsoluteUri);
    }

    [Fact]
    public async Task GetApiRoot_TaxiiAccept_ReturnsVersionsAndMaxContentLength()
    {
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = TestCollections.Create(1), MaxContentLength = 123_456 });
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, server.ApiRootUrl);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
        using var body = await TaxiiHttp.ReadJsonAsync(response);
        body.RootElement.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        body.RootElement.GetProperty("versions").EnumerateArray().Select(e => e.GetString()).Should().Equal("application/taxii+json;version=2.1");
        body.RootElement.GetProperty("max_content_length").GetInt64().Should().Be(123_456);
    }

    [Fact]
    public async Task GetCollections_OneCollection_ListsItWithRequiredFields()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(1));
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, new Uri(server.ApiRootUrl, "collections/"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
        using var body = await TaxiiHttp.ReadJsonAsync(response);
        var collection = body.RootElement.GetProperty("collections").EnumerateArray().Should().ContainSingle().Subject;
        collection.GetProperty("id").GetString().Should().Be(TestCollections.CollectionId);
        collection.GetProperty("title").GetString().Should().Be("Test collection");
        collection.GetProperty("alias").GetString().Should().Be("test");
        collection.GetProperty("can_read").GetBoolean().Should().BeTrue();
        collection.GetProperty("can_write").GetBoolean().Should().BeFalse();
        collection.GetProperty("media_types").EnumerateArray().Select(e => e.GetString()).Should().Equal("application/stix+json;version=2.1");
    }

    [Fact]
    public async Task GetCollections_NoCollections_ReturnsEmptyObjectWithoutCollectionsKey()
    {
        await using var server = await ServerFactory.StartAsync(new InMemoryTaxiiObjectStore());
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, new Uri(server.ApiRootUrl, "collections/"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{}");
    }

    [Theory]
    [InlineData(TestCollections.CollectionId)]
    [InlineData("test")]
    public async Task GetCollection_ByIdOrAlias_ReturnsCollectionResource(string segment)
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(1));
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, server.GetCollectionUrl(segment));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = await TaxiiHttp.ReadJsonAsync(response);
        body.RootElement.GetProperty("id").GetString().Should().Be(TestCollections.CollectionId);
    }

    [Fact]
    public async Task GetCollection_UnknownId_Returns404WithTaxiiErrorResource()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(1));
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, server.GetCollectionUrl("a1b2c3d4-0000-4000-8000-000000000000"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
        using var body = await TaxiiHttp.ReadJsonAsync(response);
        body.RootElement.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        body.RootElement.GetProperty("http_status").GetString().Should().Be("404");
    }

    [Fact]
    public async Task GetUnknownPath_AnyAccept_Returns404TaxiiError()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(1));
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, new Uri(server.BaseUrl, "api2/collections/"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var body = await TaxiiHttp.ReadJsonAsync(response);
        body.RootElement.GetProperty("http_status").GetString().Should().Be("404");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData("application/taxii+json;version=2.0")]
    [InlineData("application/vnd.oasis.taxii+json; version=2.0")]
    [InlineData(null)]
    public async Task Get_AcceptWithoutTaxii21_Returns406OnEveryEndpoint(string? accept)
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(1));
        using var client = TaxiiHttp.CreateClient();
        Uri[] urls =
        [
            server.DiscoveryUrl, server.ApiRootUrl, new Uri(server.ApiRootUrl, "collections/"),
            server.GetCollectionUrl(TestCollections.CollectionId), server.GetObjectsUrl(TestCollections.CollectionId),
        ];

        foreach (var url in urls)
        {
            using var response = await TaxiiHttp.GetAsync(client, url, accept);

            response.StatusCode.Should().Be(HttpStatusCode.NotAcceptable, url.AbsolutePath);
            using var body = await TaxiiHttp.ReadJsonAsync(response);
            body.RootElement.GetProperty("http_status").GetString().Should().Be("406");
        }
    }

    [Theory]
    [InlineData("application/taxii+json; version=2.1")]
    [InlineData("application/taxii+json")]
    [InlineData("application/json, application/taxii+json;version=2.1")]
    [InlineData("APPLICATION/TAXII+JSON;Version=\"2.1\"")]
    public async Task Get_AcceptNamingTaxii21_Returns200(string accept)
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(1));
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, server.DiscoveryUrl, accept);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PostObjects_ReadOnlyCollection_Returns403AndUnknownReturns404()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(1));
        using var client = TaxiiHttp.CreateClient();

        using var known = await client.PostAsync(server.GetObjectsUrl(TestCollections.CollectionId), new StringContent("{\"objects\":[]}"));
        using var unknown = await client.PostAsync(server.GetObjectsUrl("e3b0c442-98fc-4c14-9afb-f4c8996fb924"), new StringContent("{}"));

        known.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var body = await TaxiiHttp.ReadJsonAsync(known);
        body.RootElement.GetProperty("http_status").GetString().Should().Be("403");
    }

    [Fact]
    public async Task StartAsync_WithLoggerFactory_LogsItsOwnLinesButNotOneLinePerRequest()
    {
        using var provider = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        await using (var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = TestCollections.Create(1), LoggerFactory = loggerFactory }))
        {
            using var client = TaxiiHttp.CreateClient();
            (await TaxiiHttp.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId))).Dispose();
        }

        provider.Lines.Should().Contain(line => line.Contains("TAXII 2.1 server listening on", StringComparison.Ordinal));
        provider.Lines.Should().Contain(line => line.Contains("Served page 1", StringComparison.Ordinal));
        provider.Lines.Should().NotContain(line => line.Contains("Request starting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DisposeAsync_AfterStart_StopsListening()
    {
        var server = await ServerFactory.StartAsync(TestCollections.Create(1));
        var url = server.DiscoveryUrl;
        await server.DisposeAsync();
        using var client = TaxiiHttp.CreateClient();

        var act = () => TaxiiHttp.GetAsync(client, url);

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task StartAsync_ApiRootNamedTaxii2_Throws()
    {
        var act = () => TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = new InMemoryTaxiiObjectStore(), ApiRoot = "taxii2" });

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task GetObjects_CollectionNotReadable_Returns403()
    {
        var store = new InMemoryTaxiiObjectStore().AddCollection(new TaxiiCollectionInfo("9d1e7c55-1f0a-4b7e-8c3d-2a6f5e4d3c2b", "Write only") { CanRead = false, CanWrite = true });
        await using var server = await ServerFactory.StartAsync(store);
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, server.GetObjectsUrl("9d1e7c55-1f0a-4b7e-8c3d-2a6f5e4d3c2b"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var body = await TaxiiHttp.ReadJsonAsync(response);
        body.RootElement.GetProperty("http_status").GetString().Should().Be("403");
        body.RootElement.ValueKind.Should().Be(JsonValueKind.Object);
    }
}
