using TaxiiConnector.Dedup;

namespace TaxiiConnector.Tests.Dedup;

public sealed class IdPresenceFilterTests
{
    [Fact]
    public void MayContain_EveryIdAdded_EvenPastTheCapacityItWasSizedFor()
    {
        var filter = new IdPresenceFilter(expectedIds: 1000);
        var random = new Random(3);
        var ids = Enumerable.Range(0, 300_000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToList();
        ids.ForEach(filter.Add);

        ids.Should().OnlyContain(id => filter.MayContain(id), "a filter that says no for a stored id would re-send it");
    }

    [Fact]
    public void MayContain_IdsNeverAdded_AtMostTwoPercentMaybeWhenFull()
    {
        var filter = new IdPresenceFilter(expectedIds: 200_000);
        var random = new Random(5);
        for (var i = 0; i < 250_000; i++)
        {
            filter.Add(random.NextInt64(long.MinValue, long.MaxValue));
        }

        var falseMaybes = Enumerable.Range(0, 100_000).Count(_ => filter.MayContain(random.NextInt64(long.MinValue, long.MaxValue)));

        falseMaybes.Should().BeLessThan(2_000);
    }

    [Fact]
    public void Bytes_FiveMillionStoredIds_UnderTenMegabytes() =>
        new IdPresenceFilter(expectedIds: 5_000_000).Bytes.Should().BeLessThan(10L * 1024 * 1024);
}
