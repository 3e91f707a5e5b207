using TaxiiConnector.Dedup;

namespace TaxiiConnector.Tests.Dedup;

/// <summary>
/// The presence filter only spares database look-ups: a "maybe" (a false positive, a colliding id) is looked up and the
/// store decides; a "no" means the object is sent. It can make an object be sent again, never be skipped.
/// </summary>
public sealed class PresenceFilterPipelineTests : IDisposable
{
    private const string NewIndicatorId = "indicator--00000000-0000-4000-8000-000000000010";

    private readonly DedupHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task FilterSaysMaybeForEveryId_FirstRunPushesEverythingAndTheSecondOnlyTheNewVersion()
    {
        _harness.PresenceFilter = (_, _) => LookUpEveryId.Instance;
        var collection = ReservedCollection.ThreePages();

        await _harness.RunAsync(collection);

        SourceIds().Should().HaveCount(9, "every id is a false positive: the store has none of them, so all are sent");
        _harness.Sink.Clear();
        collection.Pages[2][1] = ReservedCollection.Malware(8, modified: "2026-03-03T00:00:00.000Z");

        await _harness.RunAsync(collection);

        _harness.Sink.ObjectIds.Should().Equal("malware--00000000-0000-4000-8000-000000000008");
    }

    [Fact]
    public async Task AnIdNeverSentCollidesInTheFilter_ItIsLookedUpAndStillPushed()
    {
        var collection = ReservedCollection.ThreePages();
        await _harness.RunAsync(collection);
        _harness.Sink.Clear();
        collection.Pages[2] = [.. collection.Pages[2], ReservedCollection.Indicator(10)];
        _harness.PresenceFilter = (store, coll) =>
        {
            var filter = new IdPresenceFilter(0);
            store.ReadIdHashes(coll, filter.Add);
            filter.Add(ObjectVersion.HashId(NewIndicatorId)); // as if another id had set the same bits
            return filter;
        };

        await _harness.RunAsync(collection);

        SourceIds().Should().Equal(NewIndicatorId);
    }

    [Fact]
    public async Task FilterMissesKnownIds_TheyAreSentAgainNeverSkipped_AndTheFirstPageIsLookedUpWithoutOne()
    {
        var collection = ReservedCollection.ThreePages();
        await _harness.RunAsync(collection);
        _harness.Sink.Clear();
        _harness.PresenceFilter = (_, _) => new IdPresenceFilter(0);

        await _harness.RunAsync(collection);

        // Page 1 is screened before any filter is loaded (a collection read once never pays for one): its versions are
        // looked up and skipped. From page 2 on the filter, empty here, says "new" for every id: re-sent, not skipped.
        SourceIds().Should().BeEquivalentTo(
            "indicator--00000000-0000-4000-8000-000000000004", "malware--00000000-0000-4000-8000-000000000005",
            "domain-name--00000000-0000-4000-8000-000000000006", "indicator--00000000-0000-4000-8000-000000000007",
            "malware--00000000-0000-4000-8000-000000000008", "domain-name--00000000-0000-4000-8000-000000000009");
    }

    private List<string> SourceIds() =>
        [.. _harness.Sink.ObjectIds.Where(id => !id.StartsWith("note--", StringComparison.Ordinal) && !id.StartsWith("identity--", StringComparison.Ordinal))];
}
