using Microsoft.Data.Sqlite;
using TaxiiConnector.Dedup;

namespace TaxiiConnector.Tests.Dedup;

public sealed class VersionStoreTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("versions-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Record_OneIdTwiceInABatchWrittenInKeyOrder_TheLaterVersionWins()
    {
        using var store = VersionStore.Open(Path.Combine(_directory.FullName, "dedup.sqlite"));
        var coll = store.CollectionKey("taxii2", "api1/c1");

        // Keys out of order and one id repeated: the batch is written sorted by key, the repeat keeping its order.
        store.Record(coll, [new ObjectVersion(900, 1), new ObjectVersion(-5, 7), new ObjectVersion(900, 2), new ObjectVersion(12, 3)], day: 10);

        var found = store.Find(coll, [900, -5, 12, 44]);
        found.Should().BeEquivalentTo(new Dictionary<long, (long, int)>
        {
            [900] = (2, 10),
            [-5] = (7, 10),
            [12] = (3, 10),
        });
    }

    [Fact]
    public void ReadIdHashes_TheCollectionsOwnIdsOnly()
    {
        using var store = VersionStore.Open(Path.Combine(_directory.FullName, "dedup.sqlite"));
        var first = store.CollectionKey("taxii2", "api1/c1");
        var second = store.CollectionKey("taxii2", "api1/c2");
        store.Record(first, [new ObjectVersion(3, 1), new ObjectVersion(-8, 1)], day: 10);
        store.Record(second, [new ObjectVersion(4, 1)], day: 10);

        var ids = new List<long>();
        store.ReadIdHashes(first, ids.Add);

        ids.Should().BeEquivalentTo([3L, -8L]);
    }

    [Fact]
    public void Open_ANewFileGets16KiBPages_AnExistingFileKeepsItsOwnAndStillWorks()
    {
        var fresh = Path.Combine(_directory.FullName, "fresh.sqlite");
        using (VersionStore.Open(fresh))
        {
        }

        var old = Path.Combine(_directory.FullName, "old.sqlite");
        using (var connection = new SqliteConnection($"Data Source={old};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER);";
            command.ExecuteNonQuery();
        }

        using (var store = VersionStore.Open(old))
        {
            var coll = store.CollectionKey("taxii2", "api1/c1");
            store.Record(coll, [new ObjectVersion(1, 2)], day: 10);
            store.Find(coll, [1]).Should().ContainKey(1);
        }

        PageSize(fresh).Should().Be(16384);
        PageSize(old).Should().Be(4096);
    }

    private static long PageSize(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        return (long)command.ExecuteScalar()!;
    }
}
