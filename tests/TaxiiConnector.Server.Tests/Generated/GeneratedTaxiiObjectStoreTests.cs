using System.Buffers;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Testing.Generated;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Server.Tests.Support;

namespace TaxiiConnector.Server.Tests.Generated;

public sealed partial class GeneratedTaxiiObjectStoreTests
{
    private const int Sample = 5000;

    [Fact]
    public void WriteObject_SameSeedAndIndex_ProducesIdenticalBytes()
    {
        var first = new GeneratedTaxiiObjectStore(new GeneratedCollectionOptions { ObjectCount = Sample, Seed = 7 });
        var second = new GeneratedTaxiiObjectStore(new GeneratedCollectionOptions { ObjectCount = Sample, Seed = 7 });
        var otherSeed = new GeneratedTaxiiObjectStore(new GeneratedCollectionOptions { ObjectCount = Sample, Seed = 8 });

        foreach (var index in new long[] { 0, 63, 64, 1234, Sample - 1 })
        {
            Render(first, index).Should().Equal(Render(second, index));
            Render(first, index).Should().NotEqual(Render(otherSeed, index));
        }
    }

    [Fact]
    public void WriteObject_EveryObject_IsStixWithTheAdvertisedTypeIdAndVersion()
    {
        var store = new GeneratedTaxiiObjectStore(new GeneratedCollectionOptions { ObjectCount = Sample });

        for (long index = 0; index < Sample; index++)
        {
            var bytes = Render(store, index);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;

            root.GetProperty("type").GetString().Should().Be(store.GetObjectType(index));
            root.GetProperty("id").GetString().Should().Be(store.GetObjectId(index));
            root.GetProperty("spec_version").GetString().Should().Be("2.1");
            StixId().IsMatch(store.GetObjectId(index)).Should().BeTrue(store.GetObjectId(index));
            var version = root.TryGetProperty("modified", out var modified) ? modified.GetString() : null;
            store.GetObjectVersion(index).Should().Be(version);
            bytes.Length.Should().BeInRange(500, 2048, $"object {index} ({store.GetObjectType(index)}) must be realistic in size");
        }
    }

    [Fact]
    public void GetObjectType_LargeSample_MixesIndicatorsObservablesRelationshipsAndReports()
    {
        var store = new GeneratedTaxiiObjectStore(new GeneratedCollectionOptions { ObjectCount = 100_000 });

        var counts = Enumerable.Range(1000, 20_000).GroupBy(i => store.GetObjectType(i)).ToDictionary(g => g.Key, g => g.Count() / 20_000.0);

        counts["indicator"].Should().BeApproximately(0.40, 0.03);
        counts["relationship"].Should().BeApproximately(0.25, 0.03);
        counts["report"].Should().BeApproximately(0.10, 0.02);
        (counts["ipv4-addr"] + counts["domain-name"] + counts["url"] + counts["file"]).Should().BeApproximately(0.25, 0.03);
    }

    [Fact]
    public void WriteObject_References_PointToEarlierObjectsOfTheCollection()
    {
        var store = new GeneratedTaxiiObjectStore(new GeneratedCollectionOptions { ObjectCount = 3000 });
        var indexOfId = Enumerable.Range(0, 3000).ToDictionary(i => store.GetObjectId(i), i => (long)i);

        var checkedReferences = 0;
        for (long index = 0; index < 3000; index++)
        {
            using var document = JsonDocument.Parse(Render(store, index));
            var root = document.RootElement;
            var references = new List<string>();
            if (root.TryGetProperty("source_ref", out var source))
            {
                references.Add(source.GetString()!);
                references.Add(root.GetProperty("target_ref").GetString()!);
            }

            if (root.TryGetProperty("object_refs", out var objectRefs))
            {
                references.AddRange(objectRefs.EnumerateArray().Select(r => r.GetString()!));
            }

            foreach (var reference in references)
            {
                indexOfId.Should().ContainKey(reference);
                indexOfId[reference].Should().BeLessThan(index);
                checkedReferences++;
            }
        }

        checkedReferences.Should().BeGreaterThan(1000);
    }

    [Fact]
    public void WriteObject_Values_AreDocumentationValues()
    {
        var store = new GeneratedTaxiiObjectStore(new GeneratedCollectionOptions { ObjectCount = Sample });
        var text = string.Join("\n", Enumerable.Range(0, Sample).Select(i => System.Text.Encoding.UTF8.GetString(Render(store, i))));

        Ipv4Literal().Matches(text).Select(m => m.Value).Should().NotBeEmpty()
            .And.OnlyContain(ip => ip.StartsWith("192.0.2.", StringComparison.Ordinal) || ip.StartsWith("198.51.100.", StringComparison.Ordinal) || ip.StartsWith("203.0.113.", StringComparison.Ordinal));
        DomainLiteral().Matches(text).Select(m => m.Groups["root"].Value).Distinct().Should().BeEquivalentTo("example.com", "example.net", "example.org");
    }

    [Fact]
    public void WriteObject_ThousandObjects_AllocatesNothingPerObject()
    {
        var store = new GeneratedTaxiiObjectStore(new GeneratedCollectionOptions { ObjectCount = 10_000 });
        var output = new ArrayBufferWriter<byte>(4 * 1024 * 1024);
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        for (long index = 0; index < 100; index++)
        {
            store.WriteObject(index, writer);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (long index = 1000; index < 2000; index++)
        {
            store.WriteObject(index, writer);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        writer.Flush();

        output.WrittenCount.Should().BeGreaterThan(500_000);
        allocated.Should().BeLessThan(16 * 1024, "objects are generated straight into the writer, not built on the heap");
    }

    [Theory]
    [InlineData(-5_000_000, 0)]
    [InlineData(0, 1)]
    [InlineData(9_999, 1)]
    [InlineData(10_000, 2)]
    [InlineData(123_450_000, 12_346)]
    [InlineData(999_990_000, 100_000)]
    public void FirstIndexAddedAfter_ArithmeticOnTheIndex_IsStrictlyAfter(long ticksAfterFirst, long expected)
    {
        var options = new GeneratedCollectionOptions { ObjectCount = 100_000, DateAddedInterval = TimeSpan.FromMilliseconds(1) };
        var store = new GeneratedTaxiiObjectStore(options);

        var index = store.FirstIndexAddedAfter(options.FirstDateAdded.AddTicks(ticksAfterFirst));

        index.Should().Be(expected);
        if (index > 0 && index < store.Count)
        {
            store.GetDateAdded(index).Should().BeAfter(options.FirstDateAdded.AddTicks(ticksAfterFirst));
            store.GetDateAdded(index - 1).Should().BeOnOrBefore(options.FirstDateAdded.AddTicks(ticksAfterFirst));
        }
    }

    [Fact]
    public async Task GetObjects_PageK_IsTheSameBytesFromAnyServerAndMatchesTheIndexRange()
    {
        var options = new GeneratedCollectionOptions { ObjectCount = 2500 };
        var pagesFromFirstServer = await ReadAllPagesAsync(options, limit: 1000);
        var pagesFromSecondServer = await ReadAllPagesAsync(options, limit: 1000);

        pagesFromFirstServer.Select(p => p.RawBody).Should().Equal(pagesFromSecondServer.Select(p => p.RawBody));
        pagesFromFirstServer.Select(p => p.Ids.Count).Should().Equal(1000, 1000, 500);
        var store = new GeneratedTaxiiObjectStore(options);
        pagesFromFirstServer[1].Ids.Should().Equal(Enumerable.Range(1000, 1000).Select(i => store.GetObjectId(i)));
        pagesFromFirstServer[1].DateAddedFirst.Should().Be(TaxiiTimestamp.Format(store.GetDateAdded(1000)));
        pagesFromFirstServer[2].DateAddedLast.Should().Be(TaxiiTimestamp.Format(store.GetDateAdded(2499)));
        pagesFromFirstServer.SelectMany(p => p.Ids).Should().OnlyHaveUniqueItems();
        pagesFromFirstServer[0].RawBody.Should().Contain(":value = '").And.NotContain("\\u0027", "patterns are served readable");
    }

    [Fact]
    public async Task GetObjects_TrillionObjectCollection_ServesAPageNearTheEnd()
    {
        var options = new GeneratedCollectionOptions { ObjectCount = 1_000_000_000_000, DateAddedInterval = TimeSpan.FromMicroseconds(1) };
        var store = new GeneratedTaxiiObjectStore(options);
        await using var server = await ServerFactory.StartAsync(store);
        using var client = TaxiiHttp.CreateClient();
        var addedAfter = TaxiiTimestamp.Format(store.GetDateAdded(options.ObjectCount - 4));

        var page = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(options.CollectionId), "added_after=" + addedAfter);

        page.Ids.Should().Equal(store.GetObjectId(options.ObjectCount - 3), store.GetObjectId(options.ObjectCount - 2), store.GetObjectId(options.ObjectCount - 1));
        page.More.Should().BeFalse();
    }

    [Fact]
    public async Task GetObjects_MatchTypeOverGeneratedCollection_ReturnsOnlyThatType()
    {
        var options = new GeneratedCollectionOptions { ObjectCount = 3000 };
        await using var server = await ServerFactory.StartAsync(new GeneratedTaxiiObjectStore(options));
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, TaxiiHttp.WithQuery(server.GetObjectsUrl(options.CollectionId), "match[type]=report&limit=50"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = await TaxiiHttp.ReadJsonAsync(response);

        body.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("type").GetString()).Should().HaveCount(50).And.OnlyContain(t => t == "report");
    }

    [Fact]
    public void Constructor_IntervalBelowOneMicrosecond_Throws()
    {
        var act = () => new GeneratedTaxiiObjectStore(new GeneratedCollectionOptions { DateAddedInterval = TimeSpan.FromTicks(5) });

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static async Task<List<ObjectsPage>> ReadAllPagesAsync(GeneratedCollectionOptions options, int limit)
    {
        await using var server = await ServerFactory.StartAsync(new GeneratedTaxiiObjectStore(options));
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(options.CollectionId);
        var pages = new List<ObjectsPage> { await ObjectsPage.GetAsync(client, url, $"limit={limit}") };
        while (pages[^1].More == true)
        {
            pages.Add(await ObjectsPage.GetAsync(client, url, $"limit={limit}&next={Uri.EscapeDataString(pages[^1].Next!)}"));
        }

        return pages;
    }

    private static byte[] Render(GeneratedTaxiiObjectStore store, long index)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            store.WriteObject(index, writer);
        }

        return output.WrittenSpan.ToArray();
    }

    [GeneratedRegex("^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex StixId();

    [GeneratedRegex(@"(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d.])")]
    private static partial Regex Ipv4Literal();

    [GeneratedRegex(@"[a-z0-9-]+\.(?<root>[a-z]+\.(?:com|net|org))\b")]
    private static partial Regex DomainLiteral();
}
