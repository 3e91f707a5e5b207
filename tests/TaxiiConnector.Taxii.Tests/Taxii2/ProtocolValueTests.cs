using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;

namespace TaxiiConnector.Taxii.Tests.Taxii2;

public sealed class ProtocolValueTests
{
    [Theory]
    [InlineData("2024-01-02T03:04:05.123456Z", true)]
    [InlineData("2024-01-02T03:04:05Z", true)]
    [InlineData("2024-01-02T03:04:05.1+02:00", true)]
    [InlineData("undefined", false)]
    [InlineData("Tue Jan 02 2024 03:04:05 GMT+0000 (Coordinated Universal Time)", false)]
    [InlineData("2024-01-02", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TryParse_HeaderValues_AcceptsOnlyRfc3339(string? value, bool expected) =>
        TaxiiTimestamp.TryParse(value, out _).Should().Be(expected);

    [Fact]
    public void Format_AnyOffset_WritesUtcWithMicroseconds() =>
        TaxiiTimestamp.Format(new DateTimeOffset(2024, 1, 2, 5, 4, 5, 123, TimeSpan.FromHours(2)).AddTicks(4560))
            .Should().Be("2024-01-02T03:04:05.123456Z");

    [Theory]
    [InlineData("items 0-99/1000", 0L, 99L, 1000L)]
    [InlineData("items 10-19/*", 10L, 19L, null)]
    [InlineData("items */25", null, null, 25L)]
    [InlineData("items */*", null, null, null)]
    public void ContentRange_ValidForms_Parse(string value, long? first, long? last, long? total)
    {
        ContentRange.TryParse(value, out var range).Should().BeTrue();
        range.Should().Be(new ContentRange(first, last, total));
    }

    [Theory]
    [InlineData("bytes 0-99/1000")]
    [InlineData("items 0-99")]
    [InlineData("items a-b/3")]
    [InlineData("items 0-1/x")]
    [InlineData(null)]
    public void ContentRange_InvalidForms_AreRejected(string? value) => ContentRange.TryParse(value, out _).Should().BeFalse();

    [Theory]
    [InlineData("application/taxii+json;version=2.1", TaxiiVersion.V21, true)]
    [InlineData("application/taxii+json; version=2.1; charset=utf-8", TaxiiVersion.V21, true)]
    [InlineData("Application/TAXII+json;charset=utf-8;version=2.1", TaxiiVersion.V21, true)]
    [InlineData("application/taxii+json", TaxiiVersion.V21, true)]
    [InlineData("application/taxii+json;version=2.0", TaxiiVersion.V21, false)]
    [InlineData("application/json", TaxiiVersion.V21, false)]
    [InlineData("application/vnd.oasis.stix+json; version=2.0", TaxiiVersion.V20, true)]
    [InlineData("application/vnd.oasis.taxii+json; version=2.0", TaxiiVersion.V20, true)]
    [InlineData("application/stix+json;version=2.1", TaxiiVersion.V20, false)]
    [InlineData(null, TaxiiVersion.V21, false)]
    public void IsExpected_ContentTypes_AreComparedLeniently(string? contentType, TaxiiVersion version, bool expected) =>
        TaxiiMediaTypes.IsExpected(contentType, version).Should().Be(expected);

    [Theory]
    [InlineData("https://h/taxii2", "https://h/taxii2/")]
    [InlineData("https://h/taxii2/?x=1", "https://h/taxii2/")]
    [InlineData("https://user:pw@h/taxii2/", "https://h/taxii2/")]
    public void WithTrailingSlash_Urls_AreNormalised(string url, string expected) =>
        UrlNames.WithTrailingSlash(new Uri(url)).AbsoluteUri.Should().Be(expected);

    [Theory]
    [InlineData("https://h/prefix/taxii2/", "/api1/", "https://h/api1/")]
    [InlineData("https://h/prefix/taxii2/", "https://other/root", "https://other/root/")]
    [InlineData("https://h/taxii2/", "/taxii2/6a4b6c3e-0000-4000-8000-000000000001/", "https://h/taxii2/6a4b6c3e-0000-4000-8000-000000000001/")]
    public void ResolveApiRoot_RelativeOrAbsolute_ResolvesAgainstDiscovery(string discovery, string root, string expected) =>
        UrlNames.ResolveApiRoot(new Uri(discovery), root).AbsoluteUri.Should().Be(expected);

    [Fact]
    public void ObjectsUrl_FiltersAndNext_EachFieldOnceCommaJoinedAndEncoded()
    {
        var match = new Dictionary<string, IReadOnlyList<string>>
        {
            ["version"] = ["all"],
            ["type"] = ["indicator", " malware ", ""],
        };

        var url = ObjectsUrlBuilder.Build(new Uri("https://h/api1/collections/c/objects/"), "2024-01-01T00:00:00+00:00", 50, match, "a b&c");

        url.AbsoluteUri.Should().Be(
            "https://h/api1/collections/c/objects/?added_after=2024-01-01T00%3A00%3A00%2B00%3A00&limit=50&match%5Btype%5D=indicator,malware&match%5Bversion%5D=all&next=a%20b%26c");
    }
}
