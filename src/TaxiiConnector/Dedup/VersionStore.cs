using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TaxiiConnector.Dedup;

/// <summary>
/// The versions the sink acknowledged, per source and collection, in one SQLite database (WAL). One row per object:
/// <c>(coll, id_hash)</c> → <c>version</c> (the hash of its <c>modified</c>, or of its content) and the day it was last
/// seen; <c>coll</c> numbers a <c>(source, collection)</c> pair in the <c>collections</c> table, so the pair's text is
/// stored once. Look-ups go through one connection (the fetch side), writes through another (the push side), so a
/// page is screened while the page before it is recorded.
/// </summary>
internal sealed class VersionStore : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS collections (
            coll INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            collection TEXT NOT NULL,
            UNIQUE (source, collection));
        CREATE TABLE IF NOT EXISTS versions (
            coll INTEGER NOT NULL,
            id_hash INTEGER NOT NULL,
            version INTEGER NOT NULL,
            seen_day INTEGER NOT NULL,
            PRIMARY KEY (coll, id_hash)) WITHOUT ROWID;
        """;

    private readonly SqliteConnection _reader;
    private readonly SqliteConnection _writer;
    private readonly Lock _readLock = new();
    private readonly Lock _writeLock = new();
    private sqlite3_stmt? _upsert;
    private sqlite3_stmt? _lookup;
    private (long IdHash, int Position)[] _order = [];

    private VersionStore(string path, SqliteConnection reader, SqliteConnection writer)
    {
        Path = path;
        _reader = reader;
        _writer = writer;
    }

    public string Path { get; }

    /// <summary>Opens (or creates) the database; throws <see cref="SqliteException"/> when the file is not a usable one.</summary>
    public static VersionStore Open(string path)
    {
        SqliteConnection? writer = null;
        SqliteConnection? reader = null;
        try
        {
            writer = Connect(path);

            // 16 KiB pages (set before WAL, so only a new file gets them): a write batch of random keys touches most leaf
            // pages, and fewer, larger leaves cost less per row (measured at 1.4M rows: 2.5 → 1.5 µs of CPU per row
            // written) for about the same per look-up; 64 KiB pages write a little cheaper and read dearer. The writer's
            // cache is small: a batch is written in key order, each leaf once, so a larger one only held more memory.
            Execute(writer, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-4096;" + Schema);
            reader = Connect(path);
            // The reader's page cache as large as the writer's: a re-read probes every id at random over the table.
            Execute(reader, "PRAGMA query_only=1; PRAGMA cache_size=-16384; SELECT count(*) FROM collections;");
            return new VersionStore(path, reader, writer);
        }
        catch
        {
            reader?.Dispose();
            writer?.Dispose();
            throw;
        }
    }

    /// <summary>The number of a <c>(source, collection)</c> pair, created on first use.</summary>
    public long CollectionKey(string source, string collection)
    {
        lock (_writeLock)
        {
            using var command = _writer.CreateCommand();
            command.CommandText = """
                INSERT INTO collections (source, collection) VALUES (@source, @collection) ON CONFLICT DO NOTHING;
                SELECT coll FROM collections WHERE source = @source AND collection = @collection;
                """;
            command.Parameters.AddWithValue("@source", source);
            command.Parameters.AddWithValue("@collection", collection);
            return (long)command.ExecuteScalar()!;
        }
    }

    /// <summary>
    /// The stored version and last-seen day of each of <paramref name="idHashes"/> the collection has: one primary-key
    /// probe per id, in key order, through one prepared statement.
    /// </summary>
    public Dictionary<long, (long Version, int SeenDay)> Find(long coll, IReadOnlyCollection<long> idHashes)
    {
        var found = new Dictionary<long, (long, int)>(Math.Min(idHashes.Count, 4096));
        if (idHashes.Count == 0)
        {
            return found;
        }

        var keys = idHashes.ToArray();
        Array.Sort(keys);
        lock (_readLock)
        {
            var statement = _lookup ??= Prepare(_reader, "SELECT version, seen_day FROM versions WHERE coll = ?1 AND id_hash = ?2");

            // One read transaction for the page: one snapshot of the WAL, not one per probe.
            using var transaction = _reader.BeginTransaction(deferred: true);
            try
            {
                Check(_reader, raw.sqlite3_bind_int64(statement, 1, coll));
                foreach (var idHash in keys)
                {
                    Check(_reader, raw.sqlite3_bind_int64(statement, 2, idHash));
                    var result = raw.sqlite3_step(statement);
                    if (result == raw.SQLITE_ROW)
                    {
                        found[idHash] = (raw.sqlite3_column_int64(statement, 0), raw.sqlite3_column_int(statement, 1));
                    }
                    else if (result != raw.SQLITE_DONE)
                    {
                        SqliteException.ThrowExceptionForRC(result, _reader.Handle);
                    }

                    raw.sqlite3_reset(statement);
                }
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }

            transaction.Commit();
        }

        return found;
    }

    /// <summary>Hands every id hash the collection has to <paramref name="add"/> (to fill its presence filter).</summary>
    public void ReadIdHashes(long coll, Action<long> add)
    {
        ArgumentNullException.ThrowIfNull(add);
        lock (_readLock)
        {
            using var statement = Prepare(_reader, "SELECT id_hash FROM versions WHERE coll = ?1");
            Check(_reader, raw.sqlite3_bind_int64(statement, 1, coll));
            int result;
            while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                add(raw.sqlite3_column_int64(statement, 0));
            }

            if (result != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, _reader.Handle);
            }
        }
    }

    /// <summary>Records versions (new ones, and known ones seen again on a later day) in one transaction.</summary>
    public void Record(long coll, IReadOnlyList<ObjectVersion> versions, int day)
    {
        if (versions.Count == 0)
        {
            return;
        }

        lock (_writeLock)
        {
            using var transaction = _writer.BeginTransaction();
            var statement = _upsert ??= Prepare(_writer, """
                INSERT INTO versions (coll, id_hash, version, seen_day) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (coll, id_hash) DO UPDATE SET version = excluded.version, seen_day = excluded.seen_day
                """);

            // The statement is bound by position and stepped directly: a command per row costs a parameter lookup by
            // name and a statement enumeration each time, several times the row's own insert.
            try
            {
                Check(_writer, raw.sqlite3_bind_int64(statement, 1, coll));
                Check(_writer, raw.sqlite3_bind_int64(statement, 4, day));
                foreach (var (_, position) in InKeyOrder(versions))
                {
                    var version = versions[position];
                    Check(_writer, raw.sqlite3_bind_int64(statement, 2, version.IdHash));
                    Check(_writer, raw.sqlite3_bind_int64(statement, 3, version.Version));
                    var result = raw.sqlite3_step(statement);
                    if (result != raw.SQLITE_DONE)
                    {
                        SqliteException.ThrowExceptionForRC(result, _writer.Handle);
                    }

                    raw.sqlite3_reset(statement);
                }
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }

            transaction.Commit();
        }
    }

    /// <summary>
    /// The positions of <paramref name="versions"/> in the table's key order (a repeated id keeps its order, so the last
    /// one still wins): random keys written in arrival order touch the table's pages at random, in key order each page
    /// once per transaction. The buffer is kept for the next batch: a batch's is large enough to cost a full collection.
    /// </summary>
    private ReadOnlySpan<(long IdHash, int Position)> InKeyOrder(IReadOnlyList<ObjectVersion> versions)
    {
        if (_order.Length < versions.Count)
        {
            _order = new (long, int)[versions.Count];
        }

        var keys = _order.AsSpan(0, versions.Count);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = (versions[i].IdHash, i);
        }

        keys.Sort();
        return keys;
    }

    private static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
    {
        var result = raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement);
        if (result != raw.SQLITE_OK)
        {
            statement.Dispose();
            SqliteException.ThrowExceptionForRC(result, connection.Handle);
        }

        return statement;
    }

    private static void Check(SqliteConnection connection, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, connection.Handle);
        }
    }

    /// <summary>Drops the collection's versions not seen since <paramref name="oldestDay"/>, then the oldest-seen beyond <paramref name="maxVersions"/>.</summary>
    public long Evict(long coll, int oldestDay, long maxVersions)
    {
        lock (_writeLock)
        {
            using var command = _writer.CreateCommand();
            command.CommandText = "DELETE FROM versions WHERE coll = @coll AND seen_day < @oldest";
            command.Parameters.AddWithValue("@coll", coll);
            command.Parameters.AddWithValue("@oldest", oldestDay);
            long evicted = command.ExecuteNonQuery();

            command.CommandText = "SELECT count(*) FROM versions WHERE coll = @coll";
            var excess = (long)command.ExecuteScalar()! - maxVersions;
            if (excess > 0)
            {
                command.CommandText = """
                    DELETE FROM versions WHERE coll = @coll AND id_hash IN
                    (SELECT id_hash FROM versions WHERE coll = @coll ORDER BY seen_day LIMIT @excess)
                    """;
                command.Parameters.AddWithValue("@excess", excess);
                evicted += command.ExecuteNonQuery();
            }

            return evicted;
        }
    }

    /// <summary>Versions held for a collection.</summary>
    public long Count(long coll)
    {
        lock (_readLock)
        {
            using var command = _reader.CreateCommand();
            command.CommandText = "SELECT count(*) FROM versions WHERE coll = @coll";
            command.Parameters.AddWithValue("@coll", coll);
            return (long)command.ExecuteScalar()!;
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _upsert?.Dispose();
            _upsert = null;
        }

        lock (_readLock)
        {
            _lookup?.Dispose();
            _lookup = null;
        }

        _reader.Dispose();
        _writer.Dispose();
    }

    /// <summary>Deletes the database and its WAL files (after a corrupt one was closed).</summary>
    public static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }

    /// <summary>True for the errors that mean the file is not a usable database (as opposed to a busy or full disk).</summary>
    public static bool IsUnusable(SqliteException exception) =>
        exception.SqliteErrorCode is 11 /* SQLITE_CORRUPT */ or 26 /* SQLITE_NOTADB */;

    private static SqliteConnection Connect(string path)
    {
        // No pooling: closing must release the file, so a run can replace a broken one and tests can delete it.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
            Mode = SqliteOpenMode.ReadWriteCreate,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
