using TaxiiConnector.Dedup;

namespace TaxiiConnector.Tests.Dedup;

/// <summary>
/// The background writer of acknowledged versions: a full batch is written on its own task while gathering goes on,
/// pending versions answer look-ups until written, and a flush waits for the batch being written.
/// </summary>
public sealed class PendingVersionWriterTests
{
    [Fact]
    public async Task FullBatch_WrittenOnItsOwnTask_WhileTheNextGathers_AndBothAnswerLookUpsMeanwhile()
    {
        using var release = new ManualResetEventSlim();
        var writes = new List<(long[] Ids, int Day)>();
        var writer = new PendingVersionWriter(batchSize: 2, (versions, day) =>
        {
            release.Wait(TimeSpan.FromMinutes(1));
            lock (writes)
            {
                writes.Add(([.. versions.Select(v => v.IdHash).Order()], day));
            }
        });

        writer.Add([new ObjectVersion(1, 10), new ObjectVersion(2, 20)], day: 7); // full: its write starts and blocks
        writer.Add([new ObjectVersion(3, 30), new ObjectVersion(4, 40), new ObjectVersion(1, 11)], day: 7); // the write runs: gathered

        var found = new Dictionary<long, (long Version, int SeenDay)>();
        var ids = new HashSet<long> { 1, 2, 3, 5 };
        writer.FindPending(ids, found, today: 8);

        found.Should().BeEquivalentTo(new Dictionary<long, (long, int)> { [1] = (11, 8), [2] = (20, 8), [3] = (30, 8) },
            "the batch being written and the one gathering both answer; the later acknowledgement of id 1 wins");
        ids.Should().Equal([5], "only what is not pending is left for the database");
        lock (writes)
        {
            writes.Should().BeEmpty();
        }

        release.Set();
        await writer.FlushAsync(day: 9);

        writes.Should().HaveCount(2);
        writes[0].Ids.Should().Equal(1, 2);
        writes[1].Ids.Should().Equal(1, 3, 4);
        writes[1].Day.Should().Be(9);
    }

    [Fact]
    public async Task Flush_WaitsForTheBatchBeingWritten_ThenWritesTheRest()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var written = new List<long>();
        var writer = new PendingVersionWriter(batchSize: 1, (versions, _) =>
        {
            started.TrySetResult();
            release.Wait(TimeSpan.FromMinutes(1));
            lock (written)
            {
                written.AddRange(versions.Select(v => v.IdHash));
            }
        });
        writer.Add([new ObjectVersion(1, 1)], day: 1);
        await started.Task;
        writer.Add([new ObjectVersion(2, 1)], day: 1);

        var flush = writer.FlushAsync(day: 1);
        await Task.Yield();
        flush.IsCompleted.Should().BeFalse("the first batch is still being written");

        release.Set();
        await flush;

        written.Should().Equal(1, 2);
    }

    [Fact]
    public void BelowTheBatchSize_NothingIsWritten_UntilTheFlush()
    {
        var written = 0;
        var writer = new PendingVersionWriter(batchSize: 3, (versions, _) => Interlocked.Add(ref written, versions.Count));

        writer.Add([new ObjectVersion(1, 1), new ObjectVersion(2, 1)], day: 1);
        var found = new Dictionary<long, (long Version, int SeenDay)>();
        writer.FindPending([2], found, today: 1);

        found.Keys.Should().Equal(2);
        Volatile.Read(ref written).Should().Be(0);
        writer.Flush(day: 1);
        Volatile.Read(ref written).Should().Be(2);
    }
}
