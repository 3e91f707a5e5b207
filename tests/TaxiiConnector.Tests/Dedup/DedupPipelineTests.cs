using System.Text.Json;
using TaxiiConnector.Dedup;
using TaxiiConnector.Stix.Ids;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Dedup;

/// <summary>
/// Durable de-duplication by (id, modified), end to end through the real transformer and bundle writer: what the sink
/// acknowledged is never sent again, whatever the server re-serves or the state forgets, and nothing is ever skipped.
/// </summary>
public sealed class DedupPipelineTests : IDisposable
{
    private static readonly string AuthorId = OpenCtiIds.Identity("ACME Corp", "organization");

    private readonly DedupHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task SecondRun_ServerIgnoresAddedAfterAndServesTheSameThreePages_PushesNothing()
    {
        var collection = ReservedCollection.ThreePages();
        var first = await _harness.RunAsync(collection);
        first.Succeeded.Should().BeTrue();
        _harness.Sink.ObjectIds.Should().Contain(AuthorId).And.Contain(id => id.StartsWith("note--", StringComparison.Ordinal));
        _harness.Sink.ObjectIds.Where(id => !id.StartsWith("note--", StringComparison.Ordinal) && id != AuthorId).Should().HaveCount(9);
        _harness.Sink.Clear();

        var second = await _harness.RunAsync(collection);

        second.Succeeded.Should().BeTrue();
        _harness.Sink.ObjectIds.Should().BeEmpty("every version was acknowledged by the first run: the author and the notes too");
        _harness.Sink.Bundles.Should().Be(0);
        var report = second.Collections.Single();
        report.ObjectsIn.Should().Be(9);
        report.ObjectsOut.Should().Be(0);
        report.DroppedByReason.Should().Equal(new Dictionary<string, long> { ["duplicate"] = 9 });
        report.Cursor.Should().Be("c3");
    }

    [Fact]
    public async Task AuthorIdentity_SentOnceNotOncePerBundle_UntilTheProcessRestartsItsTimestampDoesNotMatter()
    {
        var collection = ReservedCollection.ThreePages();
        await _harness.RunAsync(collection);
        _harness.Sink.ObjectIds.Count(id => id == AuthorId).Should().BeLessThanOrEqualTo(3,
            "pages screened before the first page was recorded still carry it; never one per page after that");
        _harness.Sink.Clear();

        // A new process builds the author with a new created/modified: still the same version.
        _harness.Time.Advance(TimeSpan.FromHours(5));
        collection.Pages[1][0] = ReservedCollection.Indicator(4, modified: "2026-06-01T00:00:00.000Z");
        await _harness.RunAsync(collection);

        _harness.Sink.ObjectIds.Should().NotContain(AuthorId);
    }

    [Fact]
    public async Task AuthorIdentity_TwentyPagesInOneRun_SentOnlyWithThePagesInFlightBeforeTheFirstAck_NotUntilTheFirstWriteBatch()
    {
        // Versions reach the database in batches (CollectionDedup.FlushThreshold), so a look-up in the store alone
        // missed the author on every page of a run shorter than one batch: it went with each page.
        var collection = new ReservedCollection([.. Enumerable.Range(0, 20).Select(p => new[] { ReservedCollection.Indicator(100 + p) })]);

        await _harness.RunAsync(collection);

        _harness.Sink.ObjectIds.Where(id => id.StartsWith("indicator--", StringComparison.Ordinal)).Should().HaveCount(20);
        var pagesInFlight = new TaxiiConnector.Pipeline.PipelineOptions().PageBufferCapacity + 3;
        _harness.Sink.ObjectIds.Count(id => id == AuthorId).Should().BeLessThanOrEqualTo(pagesInFlight,
            "only the pages screened before the first page was acknowledged carry it");
    }

    [Fact]
    public async Task OriginalIdNote_GoesAgainOnlyWithANewVersionOfItsIndicator_AndIsLeftOutWithTheUnchangedOnes()
    {
        var collection = ReservedCollection.ThreePages();
        await _harness.RunAsync(collection);
        _harness.Sink.Clear();
        collection.Pages[1][0] = ReservedCollection.Indicator(4, modified: "2026-03-03T00:00:00.000Z");

        var second = await _harness.RunAsync(collection);

        var indicatorId = "indicator--00000000-0000-4000-8000-000000000004";
        _harness.Sink.ObjectIds.Should().BeEquivalentTo([indicatorId, OpenCtiIds.Note(indicatorId)],
            "the note is made from its indicator alone: it goes with the indicator's new version, and the other notes stay out with theirs");
        second.Collections.Single().DroppedByReason.Should().Equal(new Dictionary<string, long> { ["duplicate"] = 8 },
            "the report counts source objects; a note left out is not one");
    }

    [Fact]
    public async Task OriginalIdNotes_RecordNoVersionOfTheirOwn_OneRowPerSourceObjectAndOneForTheAuthor()
    {
        await _harness.RunAsync(ReservedCollection.ThreePages());

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_harness.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM versions";
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(9 + 1, "three notes went out, and none holds a row: a note changes only when its indicator does");
    }

    [Fact]
    public async Task SecondRun_AuthorAlreadySent_NewObjectsItSignsAreNotHeldBackForIt()
    {
        // The author identity left out as a duplicate is still what every new object's created_by_ref points to: it
        // counts as sent, or every new object of every run after the first would wait for the collection's end.
        using var harness = new DedupHarness { HoldReferences = true };
        await harness.RunAsync(ReservedCollection.ThreePages());
        harness.Sink.Clear();

        var report = await harness.RunAsync(new ReservedCollection(
            [ReservedCollection.Indicator(50), ReservedCollection.Malware(51)],
            [ReservedCollection.Malware(52)]));

        var collection = report.Collections.Single();
        collection.Held.Should().Be(0);
        collection.SentAtEnd.Should().Be(0);
        harness.Sink.ObjectIds.Should().NotContain(AuthorId, "the first run sent it");
        harness.Sink.ObjectIds.Where(id => !id.StartsWith("note--", StringComparison.Ordinal)).Should().Equal(
            "indicator--00000000-0000-4000-8000-000000000050", "malware--00000000-0000-4000-8000-000000000051",
            "malware--00000000-0000-4000-8000-000000000052");
    }

    [Fact]
    public async Task NewModifiedOfOneObject_ExactlyThatObjectIsPushed()
    {
        var collection = ReservedCollection.ThreePages();
        await _harness.RunAsync(collection);
        _harness.Sink.Clear();
        collection.Pages[1][1] = ReservedCollection.Malware(5, modified: "2026-02-02T00:00:00.000Z");

        var report = await _harness.RunAsync(collection);

        _harness.Sink.ObjectIds.Should().Equal("malware--00000000-0000-4000-8000-000000000005");
        report.Collections.Single().DroppedByReason["duplicate"].Should().Be(8);
    }

    [Fact]
    public async Task ScoWithoutModified_ItsContentIsItsVersion_ReorderedMembersAreTheSameVersionAChangedValueIsNew()
    {
        var collection = ReservedCollection.ThreePages();
        await _harness.RunAsync(collection);
        _harness.Sink.Clear();
        collection.Pages[0][2] = """{ "value":"a.example", "id":"domain-name--00000000-0000-4000-8000-000000000003", "spec_version":"2.1", "type":"domain-name" }""";
        collection.Pages[2][2] = ReservedCollection.Domain(9, "changed.example");

        await _harness.RunAsync(collection);

        _harness.Sink.ObjectIds.Should().Equal("domain-name--00000000-0000-4000-8000-000000000009");
    }

    [Fact]
    public async Task KilledBetweenTheSinksAckAndTheCommit_AfterRestartThePageIsPushedAgainAndNothingIsLost()
    {
        var collection = ReservedCollection.ThreePages();
        using var crash = new CancellationTokenSource();
        _harness.Sink.AfterAck = ids =>
        {
            // The sink has page 2; the process dies before the page's versions and cursor are committed.
            if (ids.Contains("indicator--00000000-0000-4000-8000-000000000004"))
            {
                crash.Cancel();
                crash.Token.ThrowIfCancellationRequested();
            }
        };
        var crashed = async () => await _harness.RunAsync(collection, cancellationToken: crash.Token);
        await crashed.Should().ThrowAsync<OperationCanceledException>();
        _harness.State.GetCursor(collection.StateKey).Should().Be("c1");
        _harness.Sink.AfterAck = null;

        await _harness.RunAsync(collection);

        var ids = _harness.Sink.ObjectIds;
        ids.Count(id => id == "indicator--00000000-0000-4000-8000-000000000004").Should().Be(2, "page 2 is pushed again");
        ids.Count(id => id == "indicator--00000000-0000-4000-8000-000000000001").Should().Be(1, "page 1 was committed");
        foreach (var n in Enumerable.Range(1, 9))
        {
            ids.Should().Contain(id => id.EndsWith($"-{n:000000000000}", StringComparison.Ordinal), "nothing is lost");
        }
    }

    [Fact]
    public async Task KilledBetweenRecordingAndTheCursorCommit_AfterRestartThePageIsSkippedButTheSinkHasIt()
    {
        var collection = ReservedCollection.ThreePages();
        _harness.State.OnCommit = (_, cursor) =>
        {
            if (cursor == "c2")
            {
                throw new OperationCanceledException("killed");
            }
        };
        var first = await _harness.RunAsync(collection);
        first.Succeeded.Should().BeFalse();
        _harness.State.GetCursor(collection.StateKey).Should().Be("c1");
        _harness.State.OnCommit = null;

        await _harness.RunAsync(collection);

        var ids = _harness.Sink.ObjectIds;
        foreach (var n in Enumerable.Range(1, 9))
        {
            ids.Count(id => id.EndsWith($"-{n:000000000000}", StringComparison.Ordinal)).Should().Be(1,
                "page 2 was acknowledged and recorded before the crash: its replay skips it, and page 3 goes once");
        }
    }

    [Fact]
    public async Task CorruptDatabaseFile_OneWarningThenAFreshDatabaseAndTheRunGoesOn()
    {
        var collection = ReservedCollection.ThreePages();
        await _harness.RunAsync(collection);
        _harness.Sink.Clear();
        await File.WriteAllTextAsync(_harness.DatabasePath, new string('x', 8192));

        var report = await _harness.RunAsync(collection);

        report.Succeeded.Should().BeTrue();
        _harness.Logs.Warnings.Should().ContainSingle().Which.Should().Contain("not a usable SQLite database").And.Contain("CONNECTOR_DATA_DIR");
        _harness.Sink.ObjectIds.Where(id => id.Contains("--00000000-0000-4000-8000-", StringComparison.Ordinal)).Should().HaveCount(9,
            "a lost database only means objects are sent again");
        _harness.Sink.Clear();
        await _harness.RunAsync(collection);
        _harness.Sink.ObjectIds.Should().BeEmpty("the fresh database recorded the re-sent versions");
    }

    [Fact]
    public async Task DeletedDatabaseFile_OneWarningThenAFreshDatabaseAndTheRunGoesOn()
    {
        var collection = ReservedCollection.ThreePages();
        await _harness.RunAsync(collection);
        _harness.Sink.Clear();
        File.Delete(_harness.DatabasePath);

        var report = await _harness.RunAsync(collection);

        report.Succeeded.Should().BeTrue();
        _harness.Logs.Warnings.Should().ContainSingle().Which.Should().Contain("is missing");
        _harness.Sink.ObjectIds.Where(id => id.Contains("--00000000-0000-4000-8000-", StringComparison.Ordinal)).Should().HaveCount(9);
    }

    [Fact]
    public async Task FirstRunEver_NoDatabaseYet_NoWarning()
    {
        await _harness.RunAsync(ReservedCollection.ThreePages());

        _harness.Logs.Warnings.Should().BeEmpty();
        File.Exists(_harness.DatabasePath).Should().BeTrue();
    }

    [Fact]
    public async Task OpenCtiStateReset_ObjectsAreNotSentAgain_UnlessFullResync()
    {
        // An honest server this time: the state decides what is read. Resetting it re-reads everything.
        var collection = ReservedCollection.ThreePages();
        await _harness.RunAsync(collection);
        _harness.Sink.Clear();
        _harness.State.Set(collection.StateKey, null!);

        var reset = await _harness.RunAsync(collection);

        reset.Collections.Single().ObjectsIn.Should().Be(9);
        _harness.Sink.ObjectIds.Should().BeEmpty();

        var resync = await _harness.RunAsync(collection, fullResync: true);

        resync.FullResync.Should().BeTrue();
        _harness.Sink.ObjectIds.Where(id => id.Contains("--00000000-0000-4000-8000-", StringComparison.Ordinal)).Should().HaveCount(9);
        _harness.Sink.ObjectIds.Should().Contain(AuthorId);
    }

    [Fact]
    public async Task DedupOff_EveryRunSendsEverything()
    {
        using var harness = new DedupHarness { DedupEnabled = false };
        var collection = ReservedCollection.ThreePages();
        await harness.RunAsync(collection);
        harness.Sink.Clear();

        await harness.RunAsync(collection);

        harness.Sink.ObjectIds.Where(id => id.Contains("--00000000-0000-4000-8000-", StringComparison.Ordinal)).Should().HaveCount(9);
        File.Exists(harness.DatabasePath).Should().BeFalse();
    }

    [Fact]
    public async Task FilteredObject_NeverRecorded_SoDroppingTheFilterSendsIt()
    {
        var collection = new ReservedCollection(
            [ReservedCollection.Indicator(1), """{"type":"tool","spec_version":"2.1","id":"tool--00000000-0000-4000-8000-000000000002","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"t"}"""]);
        await _harness.RunAsync(collection);
        _harness.Sink.ObjectIds.Should().NotContain("tool--00000000-0000-4000-8000-000000000002");
        using var unfiltered = new DedupHarnessView(_harness);

        await unfiltered.Harness.RunAsync(collection);

        unfiltered.Harness.Sink.ObjectIds.Should().Contain("tool--00000000-0000-4000-8000-000000000002");
        unfiltered.Harness.Sink.ObjectIds.Should().NotContain("indicator--00000000-0000-4000-8000-000000000001");
    }

    [Fact]
    public async Task Retention_VersionsNotSeenForLongerAreForgotten()
    {
        var collection = ReservedCollection.ThreePages();
        await _harness.RunAsync(collection);
        _harness.Sink.Clear();
        _harness.Time.Advance(TimeSpan.FromDays(181));

        // The run that sees them again is screened before expiry (at its end): they stay known, and are refreshed.
        await _harness.RunAsync(collection);
        _harness.Sink.ObjectIds.Should().BeEmpty();
        _harness.Time.Advance(TimeSpan.FromDays(181));
        await _harness.RunAsync(new ReservedCollection([ReservedCollection.Indicator(99)]));
        _harness.Sink.Clear();

        await _harness.RunAsync(collection);

        _harness.Sink.ObjectIds.Where(id => id.Contains("--00000000-0000-4000-8000-", StringComparison.Ordinal)).Should().HaveCount(9,
            "not seen for 181 days: expired by the run in between");
    }

    /// <summary>A second harness over the first one's files, without the tool filter.</summary>
    private sealed class DedupHarnessView : IDisposable
    {
        public DedupHarnessView(DedupHarness original)
        {
            Harness = new DedupHarness { TransformOptions = TransformerDefaults.Create(o => { o.CreateAuthor = true; o.AuthorName = "ACME Corp"; o.SaveOriginalIndicatorIdToNote = true; }) };
            File.Copy(original.DatabasePath, Harness.DatabasePath);
        }

        public DedupHarness Harness { get; }

        public void Dispose() => Harness.Dispose();
    }
}
