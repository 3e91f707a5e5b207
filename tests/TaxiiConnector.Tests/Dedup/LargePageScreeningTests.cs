namespace TaxiiConnector.Tests.Dedup;

/// <summary>A large page comes from the transformer in two halves: both halves are screened and recorded.</summary>
public sealed class LargePageScreeningTests : IDisposable
{
    private const int PageSize = 600;

    private readonly DedupHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task LargePage_SecondRun_OnlyTheNewVersionInEachHalfIsPushed()
    {
        PageSize.Should().BeGreaterThanOrEqualTo(TaxiiConnector.Pipeline.StixPageBundler.DefaultSplitThreshold);
        var collection = new ReservedCollection([.. Enumerable.Range(1, PageSize).Select(n => ReservedCollection.Indicator(n))]);
        await _harness.RunAsync(collection);
        SourceIds().Should().HaveCount(PageSize);
        _harness.Sink.Clear();
        collection.Pages[0][10] = ReservedCollection.Indicator(11, modified: "2026-02-02T00:00:00.000Z");
        collection.Pages[0][500] = ReservedCollection.Indicator(501, modified: "2026-02-02T00:00:00.000Z");

        var report = await _harness.RunAsync(collection);

        SourceIds().Should().Equal(
            "indicator--00000000-0000-4000-8000-000000000011",
            "indicator--00000000-0000-4000-8000-000000000501");
        report.Collections.Single().DroppedByReason.Should().Equal(new Dictionary<string, long> { ["duplicate"] = PageSize - 2 });
    }

    private List<string> SourceIds() =>
        [.. _harness.Sink.ObjectIds.Where(id => id.StartsWith("indicator--", StringComparison.Ordinal))];
}
