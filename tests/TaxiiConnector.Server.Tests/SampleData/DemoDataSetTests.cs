using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Server.SampleData;
using TaxiiConnector.Server.Storage;
using TaxiiConnector.Server.Tests.Support;

namespace TaxiiConnector.Server.Tests.SampleData;

public sealed partial class DemoDataSetTests
{
    private static readonly string[] DocumentationDomains = ["example.com", "example.net", "example.org"];

    [Fact]
    public void Load_EmbeddedBundle_HoldsEveryPromisedObjectType()
    {
        var objects = ReadObjects();

        var perType = objects.GroupBy(o => o.GetProperty("type").GetString()!).ToDictionary(g => g.Key, g => g.Count());

        objects.Should().HaveCountGreaterThanOrEqualTo(300);
        perType.Should().Contain(new Dictionary<string, int>
        {
            ["identity"] = 1,
            ["marking-definition"] = 5,
            ["indicator"] = 165,
            ["malware"] = 15,
            ["threat-actor"] = 8,
            ["intrusion-set"] = 6,
            ["attack-pattern"] = 12,
            ["report"] = 12,
            ["relationship"] = 223,
            ["ipv4-addr"] = 24,
            ["ipv6-addr"] = 12,
            ["domain-name"] = 24,
            ["url"] = 18,
            ["email-addr"] = 12,
            ["file"] = 42,
        });
    }

    [Fact]
    public void Load_Indicators_CoverEveryPatternKind()
    {
        var indicators = ReadObjects().Where(o => o.GetProperty("type").GetString() == "indicator").ToList();

        var kinds = indicators.GroupBy(PatternKind).ToDictionary(g => g.Key, g => g.Count());

        kinds.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["ipv4"] = 24,
            ["ipv4-cidr"] = 3,
            ["ipv6"] = 12,
            ["domain"] = 24,
            ["url"] = 19,
            ["email"] = 12,
            ["file-md5"] = 12,
            ["file-sha1"] = 12,
            ["file-sha256"] = 18,
            ["file-name"] = 2,
            ["email-subject"] = 1,
            ["and"] = 6,
            ["or"] = 6,
            ["and-observations"] = 3,
            ["or-observations"] = 9,
            ["yara"] = 1,
            ["sigma"] = 1,
        });
        indicators.Count(i => QuotedLiterals(i.GetProperty("pattern").GetString()!).Any(l => l.Contains(" AND ", StringComparison.Ordinal)))
            .Should().Be(3, "three quoted values contain ' AND ' and must not be split");
        indicators.Select(i => i.GetProperty("labels")[0].GetString()).Distinct().Should().BeEquivalentTo("high", "medium", "low");
        indicators.Should().OnlyContain(i => Has(i, "valid_from") && Has(i, "created_by_ref"));
    }

    [Fact]
    public void Load_Values_AreDocumentationValuesOnly()
    {
        var objects = ReadObjects();
        var text = string.Join("\n", objects.Select(o => o.GetRawText()));

        foreach (Match match in Ipv4Literal().Matches(text))
        {
            var address = IPAddress.Parse(match.Value.Split('/')[0]);
            IsDocumentationIpv4(address).Should().BeTrue($"{match.Value} must be an RFC 5737 address");
        }

        foreach (var value in ValuesOf(objects, "ipv6-addr"))
        {
            IPAddress.Parse(value).GetAddressBytes()[..4].Should().Equal([0x20, 0x01, 0x0d, 0xb8], $"{value} must be in 2001:db8::/32");
        }

        ValuesOf(objects, "domain-name").Should().OnlyContain(d => DocumentationDomains.Any(root => d.EndsWith("." + root, StringComparison.Ordinal)));
        ValuesOf(objects, "email-addr").Should().OnlyContain(e => DocumentationDomains.Any(root => e.EndsWith("@" + root, StringComparison.Ordinal)));
        ValuesOf(objects, "url").Should().OnlyContain(u => DocumentationDomains.Any(root => new Uri(u).Host.EndsWith("." + root, StringComparison.Ordinal)));
    }

    [Fact]
    public void Load_References_AllResolveInsideTheDataSet()
    {
        var objects = ReadObjects();
        var ids = objects.Select(o => o.GetProperty("id").GetString()!).ToHashSet();

        ids.Should().HaveCount(objects.Count, "ids are unique");
        var references = objects.SelectMany(o => new[] { "source_ref", "target_ref", "created_by_ref" }
                .Where(name => o.TryGetProperty(name, out _))
                .Select(name => o.GetProperty(name).GetString()!)
                .Concat(new[] { "object_refs", "object_marking_refs" }
                    .Where(name => o.TryGetProperty(name, out _))
                    .SelectMany(name => o.GetProperty(name).EnumerateArray().Select(r => r.GetString()!))))
            .ToList();
        references.Should().NotBeEmpty().And.OnlyContain(r => ids.Contains(r));
        objects.Where(o => o.GetProperty("type").GetString() == "report")
            .Select(r => r.GetProperty("object_refs").GetArrayLength()).Should().OnlyContain(count => count > 0);
    }

    [Fact]
    public async Task Load_ServedOverTaxii_PagesInDateAddedOrderWithoutTheFileProperty()
    {
        var store = DemoDataSet.Load();
        await using var server = await ServerFactory.StartAsync(store);
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(DemoDataSet.CollectionId);

        var pages = new List<ObjectsPage> { await ObjectsPage.GetAsync(client, url, "limit=100") };
        while (pages[^1].More == true)
        {
            pages.Add(await ObjectsPage.GetAsync(client, url, "limit=100&next=" + Uri.EscapeDataString(pages[^1].Next!)));
        }

        pages.SelectMany(p => p.Ids).Should().Equal(ReadObjects().Select(o => o.GetProperty("id").GetString()));
        pages.Should().HaveCount(6);
        pages.Should().OnlyContain(p => !p.RawBody.Contains(StixBundleReader.DateAddedProperty, StringComparison.Ordinal));
        var lasts = pages.Select(p => DateTimeOffset.Parse(p.DateAddedLast!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        lasts.Should().BeInAscendingOrder();
        lasts[0].Should().BeAfter(DemoDataSet.FirstDateAdded);
    }

    [Fact]
    public void Load_DateAdded_IsStrictlyIncreasingAndSpreadOverMonths()
    {
        var objects = DemoDataSet.Load().FindObjects(DemoDataSet.CollectionId)!;

        var dates = Enumerable.Range(0, (int)objects.Count).Select(i => objects.GetDateAdded(i)).ToList();

        dates.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (dates[^1] - dates[0]).Should().BeGreaterThan(TimeSpan.FromDays(90));
        dates[0].Should().BeAfter(DemoDataSet.FirstDateAdded);
        TaxiiTimestamp.Format(dates[0]).Should().Be(ReadDateAdded()[0]);
    }

    [Fact]
    public void Load_CollectionResource_HasFixedIdAndAlias()
    {
        var store = DemoDataSet.Load();

        store.Collections.Should().ContainSingle().Which.Should().Be(DemoDataSet.Collection);
        DemoDataSet.Collection.Id.Should().Be("5c6a0b1e-8d4f-4f7a-9b2e-3a1d6c0e9f42");
        Guid.Parse(DemoDataSet.Collection.Id).Version.Should().Be(4);
        DemoDataSet.Collection.Alias.Should().Be("demo");
    }

    private static List<JsonElement> ReadObjects()
    {
        using var stream = DemoDataSet.OpenBundle();
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.Clone()).ToList();
    }

    private static bool Has(JsonElement element, string name) => element.TryGetProperty(name, out _);

    private static List<string> ReadDateAdded() =>
        ReadObjects().Select(o => o.GetProperty(StixBundleReader.DateAddedProperty).GetString()!).ToList();

    private static IEnumerable<string> ValuesOf(IEnumerable<JsonElement> objects, string type) =>
        objects.Where(o => o.GetProperty("type").GetString() == type).Select(o => o.GetProperty("value").GetString()!);

    private static bool IsDocumentationIpv4(IPAddress address)
    {
        address.AddressFamily.Should().Be(AddressFamily.InterNetwork);
        var bytes = address.GetAddressBytes();
        return (bytes[0], bytes[1], bytes[2]) is (192, 0, 2) or (198, 51, 100) or (203, 0, 113);
    }

    private static IEnumerable<string> QuotedLiterals(string pattern) => QuotedLiteral().Matches(pattern).Select(m => m.Value);

    private static string PatternKind(JsonElement indicator)
    {
        var patternType = indicator.GetProperty("pattern_type").GetString()!;
        if (patternType != "stix")
        {
            return patternType;
        }

        // Operators are only looked for outside quoted values.
        var bare = QuotedLiteral().Replace(indicator.GetProperty("pattern").GetString()!, "''");
        if (bare.Contains("] AND [", StringComparison.Ordinal))
        {
            return "and-observations";
        }

        if (bare.Contains("] OR [", StringComparison.Ordinal))
        {
            return "or-observations";
        }

        if (bare.Contains(" AND ", StringComparison.Ordinal))
        {
            return "and";
        }

        if (bare.Contains(" OR ", StringComparison.Ordinal))
        {
            return "or";
        }

        var pattern = indicator.GetProperty("pattern").GetString()!;
        return bare switch
        {
            _ when bare.StartsWith("[ipv4-addr:value", StringComparison.Ordinal) => pattern.Contains('/', StringComparison.Ordinal) ? "ipv4-cidr" : "ipv4",
            _ when bare.StartsWith("[ipv6-addr:value", StringComparison.Ordinal) => "ipv6",
            _ when bare.StartsWith("[domain-name:value", StringComparison.Ordinal) => "domain",
            _ when bare.StartsWith("[url:value", StringComparison.Ordinal) => "url",
            _ when bare.StartsWith("[email-addr:value", StringComparison.Ordinal) => "email",
            _ when bare.StartsWith("[email-message:subject", StringComparison.Ordinal) => "email-subject",
            _ when bare.StartsWith("[file:hashes.MD5", StringComparison.Ordinal) => "file-md5",
            _ when bare.StartsWith("[file:hashes.''", StringComparison.Ordinal) && pattern.Contains("'SHA-1'", StringComparison.Ordinal) => "file-sha1",
            _ when bare.StartsWith("[file:hashes.''", StringComparison.Ordinal) && pattern.Contains("'SHA-256'", StringComparison.Ordinal) => "file-sha256",
            _ when bare.StartsWith("[file:name", StringComparison.Ordinal) => "file-name",
            _ => "unknown: " + pattern,
        };
    }

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'")]
    private static partial Regex QuotedLiteral();

    [GeneratedRegex(@"(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?:/\d{1,2})?(?![\d.])")]
    private static partial Regex Ipv4Literal();
}
