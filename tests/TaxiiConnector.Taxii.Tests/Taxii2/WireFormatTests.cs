using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;
using TaxiiConnector.Taxii.Tests.Infrastructure;

namespace TaxiiConnector.Taxii.Tests.Taxii2;

/// <summary>What the client puts on the wire, byte for byte: media types with their exact spacing, Range, auth headers.</summary>
public sealed class WireFormatTests
{
    private const string Discovery21 = """{"title":"T","api_roots":["/api1/"]}""";

    private static async Task<IReadOnlyList<string>> HeadersOfDiscoveryAsync(Action<Taxii2ClientOptions> configure, string path = "taxii2")
    {
        await using var server = new RawHttpServer(_ => new RawResponse(200, Discovery21, ("Content-Type", Stix.Taxii21)));
        using var client = new TestClient(configure);
        await client.RunAsync(() => client.Client.DiscoverAsync(new Uri(server.BaseUrl, path)));
        return server.HeaderLines(0);
    }

    [Fact]
    public async Task DiscoverAsync_Taxii21_SendsExactAcceptAndNormalisesTrailingSlash()
    {
        await using var server = new RawHttpServer(_ => new RawResponse(200, Discovery21, ("Content-Type", Stix.Taxii21)));
        using var client = new TestClient();

        await client.RunAsync(() => client.Client.DiscoverAsync(new Uri(server.BaseUrl, "taxii2")));

        server.RequestHeads.Single().Should().StartWith("GET /taxii2/ HTTP/1.1\r\n");
        server.HeaderLines(0).Should().Contain("Accept: application/taxii+json;version=2.1")
            .And.Contain(l => l.StartsWith("User-Agent: TaxiiConnector/", StringComparison.Ordinal))
            .And.NotContain(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task GetObjectsAsync_Taxii20_SendsStixAcceptWithSpaceAndSpaceFormRange()
    {
        await using var server = new RawHttpServer(_ => new RawResponse(200, Stix.Bundle(Stix.Id(1)), ("Content-Type", Stix.Stix20)));
        using var client = new TestClient(o => o.Version = TaxiiVersion.V20);
        var collection = new TaxiiCollection(new Uri(server.BaseUrl, "api1/"), TaxiiVersion.V20, "c1", "C", null, null, true, false, []);

        var pages = await client.ReadAllAsync(collection, new TaxiiObjectsQuery { Limit = 2 });

        pages.Single().Ids.Should().Equal(Stix.Id(1));
        server.RequestHeads.Single().Should().StartWith("GET /api1/collections/c1/objects/ HTTP/1.1\r\n");
        server.HeaderLines(0).Should().Contain("Accept: application/vnd.oasis.stix+json; version=2.0").And.Contain("Range: items 0-1");
    }

    [Fact]
    public async Task GetCollectionsAsync_Taxii20_SendsTaxiiAcceptWithSpace()
    {
        await using var server = new RawHttpServer(_ => new RawResponse(200, "{}", ("Content-Type", Stix.Taxii20)));
        using var client = new TestClient(o => o.Version = TaxiiVersion.V20);

        var collections = await client.RunAsync(() => client.Client.GetCollectionsAsync(new Uri(server.BaseUrl, "api1")));

        collections.Should().BeEmpty();
        server.RequestHeads.Single().Should().StartWith("GET /api1/collections/ HTTP/1.1\r\n");
        server.HeaderLines(0).Should().Contain("Accept: application/vnd.oasis.taxii+json; version=2.0");
    }

    [Fact]
    public async Task Auth_Basic_SendsBase64UserColonPassword()
    {
        var headers = await HeadersOfDiscoveryAsync(o => (o.Username, o.Password) = ("analyst", "s3cret:pw"));

        headers.Should().Contain("Authorization: Basic YW5hbHlzdDpzM2NyZXQ6cHc=");
    }

    [Fact]
    public async Task Auth_TokenDefaultScheme_SendsBearer()
    {
        var headers = await HeadersOfDiscoveryAsync(o => (o.UseToken, o.Token, o.Username, o.Password) = (true, "tok-123", "ignored", "ignored"));

        headers.Should().Contain("Authorization: Bearer tok-123").And.ContainSingle(l => l.StartsWith("Authorization:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Auth_TokenSchemeToken_SendsWhatTaxii2ClientSends()
    {
        var headers = await HeadersOfDiscoveryAsync(o => (o.UseToken, o.Token, o.TokenScheme) = (true, "tok-123", "Token"));

        headers.Should().Contain("Authorization: Token tok-123");
    }

    [Fact]
    public async Task Auth_ApiKey_SendsCustomHeaderOnly()
    {
        var headers = await HeadersOfDiscoveryAsync(o => (o.UseApiKey, o.ApiKeyHeader, o.ApiKeyValue) = (true, "Ocp-Apim-Subscription-Key", "key-456"));

        headers.Should().Contain("Ocp-Apim-Subscription-Key: key-456")
            .And.NotContain(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Auth_UsernameNotSet_SendsNoBasicHeader()
    {
        var headers = await HeadersOfDiscoveryAsync(o => o.Password = "orphan-password");

        headers.Should().NotContain(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task DiscoverAsync_ServerDateHeader_ReportsClockSkewAgainstTheInjectedClock()
    {
        // The fake clock starts at 2026-01-01T00:00:00Z; the server says one hour later.
        await using var server = new RawHttpServer(_ => new RawResponse(200, Discovery21, ("Content-Type", Stix.Taxii21), ("Date", "Thu, 01 Jan 2026 01:00:00 GMT")));
        using var client = new TestClient();

        var discovery = await client.RunAsync(() => client.Client.DiscoverAsync(server.BaseUrl));

        discovery.ServerDate.Should().Be(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero));
        discovery.ClockSkew.Should().BeCloseTo(TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
    }
}
