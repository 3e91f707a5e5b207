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
    public void MayContain_IdsNeverAdded_UnderHalfAPercentMaybeWhenFull()
    {
        var filter = new IdPresenceFilter(expectedIds: 200_000);
        var random = new Random(5);
        for (var i = 0; i < 250_000; i++)
        {
            filter.Add(random.NextInt64(long.MinValue, long.MaxValue));
        }

        var falseMaybes = Enumerable.Range(0, 100_000).Count(_ => filter.MayContain(random.NextInt64(long.MinValue, long.MaxValue)));

        falseMaybes.Should().BeLessThan(500);
    }

    [Fact]
    public void FirstReadFromAnEmptyStore_GrownPastSeveralSegments_UnderTwoPercentOfNewIdsLookedUp()
    {
        // Every segment a run adds answers "maybe" for its own share of new ids: they add up over a first read.
        var filter = new IdPresenceFilter(expectedIds: 0);
        var random = new Random(7);
        var lookedUp = 0;
        var page = new long[1400];
        for (var pages = 0; pages < 1000; pages++)
        {
            for (var i = 0; i < page.Length; i++)
            {
                page[i] = random.NextInt64(long.MinValue, long.MaxValue);
                lookedUp += filter.MayContain(page[i]) ? 1 : 0;
            }

            Array.ForEach(page, filter.Add);
        }

        lookedUp.Should().BeLessThan(1_400_000 * 2 / 100);
    }

    [Fact]
    public void Bytes_FiveMillionStoredIds_UnderTenMegabytes() =>
        new IdPresenceFilter(expectedIds: 5_000_000).Bytes.Should().BeLessThan(10L * 1024 * 1024);
}
