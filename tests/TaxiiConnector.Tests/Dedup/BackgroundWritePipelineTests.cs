using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Dedup;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Tests.Dedup;

/// <summary>
/// Acknowledged versions reach the database on a background task, in batches: still only after the sink's
/// acknowledgement, visible to the next page's screening before they are written, all written before the file is
/// closed, and a failing write never fails the run.
/// </summary>
public sealed class BackgroundWritePipelineTests : IDisposable
{
    private readonly DedupHarness _harness = new() { WriteBatchSize = 1 };

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task SinkFailsOnPageTwo_OnlyPageOnesVersionsAreWritten_AndTheNextRunSendsPagesTwoAndThree()
    {
        var collection = ReservedCollection.ThreePages();
        _harness.Sink.AfterAck = ids =>
        {
            if (ids.Contains(IndicatorId(4)))
            {
                throw new InvalidOperationException("the sink did not take page 2");
            }
        };

        var first = await _harness.RunAsync(collection);

        first.Succeeded.Should().BeFalse();
        StoredIds(IndicatorId(1), IndicatorId(4), IndicatorId(7)).Should().Equal([IndicatorId(1)],
            "a version is written only once the sink acknowledged its page");
        _harness.Sink.AfterAck = null;
        _harness.Sink.Clear();

        await _harness.RunAsync(collection);

        SourceIds().Should().BeEquivalentTo(Enumerable.Range(4, 6).Select(Id));
    }

    [Fact]
    public void ObjectRepeatedInTheNextPage_WhileItsVersionIsStillPending_IsADuplicate()
    {
        var settings = new DedupSettings { DatabasePath = _harness.DatabasePath };
        using (var dedup = new ObjectDeduplicator(settings, _harness.Time, NullLogger<ObjectDeduplicator>.Instance))
        {
            var collection = dedup.ForCollection("taxii2", "c1", "c1")!;
            var transformer = new StixTransformer(_harness.TransformOptions, NullLogger<StixTransformer>.Instance, _harness.Time);
            ScreenAndAcknowledge(collection, transformer, ReservedCollection.Indicator(1), ReservedCollection.Malware(2));
            RowCount().Should().Be(0, "the batch is not full: the versions are pending, not written");

            var second = ScreenAndAcknowledge(collection, transformer, ReservedCollection.Malware(3), ReservedCollection.Indicator(1));

            second.Should().Equal([1], "the indicator's version was acknowledged with the page before");
        }

        RowCount().Should().BeGreaterThan(0, "Dispose writes what is pending before it closes the file");
    }

    [Fact]
    public async Task RunEnd_WritesEveryPendingVersion_BeforeTheFileIsClosed()
    {
        var harness = new DedupHarness();
        try
        {
            var collection = ReservedCollection.ThreePages();
            await harness.RunAsync(collection); // the default batch is far larger: everything is written at the end

            StoredIds(harness, [.. Enumerable.Range(1, 9).Select(Id)]).Should().HaveCount(9);
        }
        finally
        {
            harness.Dispose();
        }
    }

    [Fact]
    public async Task WriteFailsOnTheBackgroundTask_AWarning_DedupOffForTheCollection_AndTheRunGoesOn()
    {
        var collection = ReservedCollection.ThreePages();
        await _harness.RunAsync(collection);
        _harness.Sink.Clear();
        Execute("CREATE TRIGGER refuse BEFORE UPDATE ON versions BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        collection.Pages[0][0] = ReservedCollection.Indicator(1, modified: "2026-02-02T00:00:00.000Z");
        collection.Pages[2][0] = ReservedCollection.Indicator(7, modified: "2026-02-02T00:00:00.000Z");

        var report = await _harness.RunAsync(collection);

        report.Succeeded.Should().BeTrue();
        _harness.Logs.Warnings.Should().ContainSingle().Which.Should().Contain("Recording sent versions").And.Contain("refused");
        // Pages screened after the failure are sent whole (de-duplication is off for the collection); the changed ones go in any case.
        SourceIds().Should().Contain([IndicatorId(1), IndicatorId(7)]);
        report.Collections.Single().Cursor.Should().Be("c3");
        Execute("DROP TRIGGER refuse;");
        _harness.Sink.Clear();

        await _harness.RunAsync(collection);

        SourceIds().Should().BeEquivalentTo([IndicatorId(1), IndicatorId(7)], "their new versions were never written: sent again, not skipped");
    }

    private static string Id(int n) => (n % 3) switch
    {
        1 => IndicatorId(n),
        2 => $"malware--00000000-0000-4000-8000-{n:000000000000}",
        _ => $"domain-name--00000000-0000-4000-8000-{n:000000000000}",
    };

    private static string IndicatorId(int n) => $"indicator--00000000-0000-4000-8000-{n:000000000000}";

    private List<string> SourceIds() =>
        [.. _harness.Sink.ObjectIds.Where(id => id.Contains("--00000000-0000-4000-8000-", StringComparison.Ordinal))];

    private static IReadOnlyList<int> ScreenAndAcknowledge(CollectionDedup collection, StixTransformer transformer, params string[] objects)
    {
        using var document = JsonDocument.Parse("[" + string.Join(',', objects) + "]");
        List<JsonElement> elements = [.. document.RootElement.EnumerateArray()];
        using var transformed = transformer.Transform(elements);
        var screening = collection.Screen([transformed], elements);
        screening.Seal([transformed], [transformed], madeBundles: true);
        screening.Record();
        return screening.DuplicateSourceIndexes;
    }

    private List<string> StoredIds(params string[] ids) => StoredIds(_harness, ids);

    private static List<string> StoredIds(DedupHarness harness, params string[] ids)
    {
        using var store = VersionStore.Open(harness.DatabasePath);
        var coll = store.CollectionKey("taxii2", new ReservedCollection().StateKey);
        var found = store.Find(coll, [.. ids.Select(ObjectVersion.HashId)]);
        return [.. ids.Where(id => found.ContainsKey(ObjectVersion.HashId(id)))];
    }

    private long RowCount()
    {
        using var connection = new SqliteConnection($"Data Source={_harness.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM versions";
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_harness.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
