namespace TaxiiConnector.Pipeline;

/// <summary>What one collection's run did. Counts only what the sink acknowledged as out.</summary>
public sealed record CollectionReport(
    string Source,
    string Collection,
    int Pages,
    long ObjectsIn,
    long ObjectsOut,
    long Dropped,
    int Bundles,
    TimeSpan Elapsed,
    string? Cursor,
    string? Error)
{
    public bool Succeeded => Error is null;

    /// <summary>The failure needs a person (a configuration error, refused credentials): it makes the connector not ready.</summary>
    public bool NeedsOperator { get; init; }

    /// <summary><see cref="Dropped"/> objects by reason label (entries the source rejected included).</summary>
    public IReadOnlyDictionary<string, long> DropReasons { get; init; } = new Dictionary<string, long>();

    /// <summary>References and embedded entries removed by the platform clean-up, by reason label.</summary>
    public IReadOnlyDictionary<string, long> ReferencesCut { get; init; } = new Dictionary<string, long>();

    /// <summary>Objects held back because they referenced an id not sent yet in this run.</summary>
    public long Held { get; init; }

    /// <summary>Of those, objects sent at the collection's end because a target never came.</summary>
    public long SentAtEnd { get; init; }
    /// <summary>The committed cursor the collection started from (null on its first run).</summary>
    public string? StartCursor { get; init; }

    /// <summary>The OpenCTI work the collection's bundles were pushed in (null without a platform).</summary>
    public string? WorkId { get; init; }

    /// <summary>
    /// <see cref="Dropped"/> by reason (<see cref="DropCategories"/>: invalid, filtered, duplicate, and any reason a
    /// stage adds under its own name). Open: a new reason is a new key.
    /// </summary>
    public IReadOnlyDictionary<string, long> DroppedByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>Bytes of the acknowledged bundles.</summary>
    public long Bytes { get; init; }

    /// <summary>Push attempts the sink refused and that were tried again.</summary>
    public int Retries { get; init; }

    /// <summary>Time the source spent reading pages (HTTP and parsing; overlaps the other two).</summary>
    public TimeSpan FetchTime { get; init; }

    /// <summary>Time spent transforming pages into bundles (de-duplication look-ups included).</summary>
    public TimeSpan TransformTime { get; init; }

    /// <summary>Time spent pushing bundles until the sink acknowledged them.</summary>
    public TimeSpan PushTime { get; init; }

    public double ObjectsPerSecond => Elapsed > TimeSpan.Zero ? ObjectsIn / Elapsed.TotalSeconds : 0;
}

/// <summary>What one source's run did.</summary>
public sealed record SourceReport(string Source, IReadOnlyList<CollectionReport> Collections, string? Error)
{
    public bool Succeeded => Error is null && Collections.All(c => c.Succeeded);

    /// <summary>The source's own failure (<see cref="Error"/>) needs a person.</summary>
    public bool NeedsOperator { get; init; }

    /// <summary>One line per failure of this run that a person must fix (the source's own, then its collections').</summary>
    public IReadOnlyList<string> OperatorReasons =>
        [.. (NeedsOperator && Error is not null ? [Error] : Array.Empty<string>()),
            .. Collections.Where(c => c.NeedsOperator && c.Error is not null).Select(c => $"{c.Collection}: {c.Error}")];
}

/// <summary>What a whole run did, source by source.</summary>
public sealed record RunReport(IReadOnlyList<SourceReport> Sources)
{
    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary><c>run --full-resync</c>: de-duplication skipped nothing in this run.</summary>
    public bool FullResync { get; init; }

    /// <summary>The run did not happen: the platform's queue was over the threshold (buffering).</summary>
    public bool Skipped { get; init; }

    public bool Succeeded => Sources.All(s => s.Succeeded);

    public IEnumerable<CollectionReport> Collections => Sources.SelectMany(s => s.Collections);

    public long ObjectsIn => Collections.Sum(c => c.ObjectsIn);

    public long ObjectsOut => Collections.Sum(c => c.ObjectsOut);

    public long Dropped => Collections.Sum(c => c.Dropped);

    public int Pages => Collections.Sum(c => c.Pages);

    public int Bundles => Collections.Sum(c => c.Bundles);
}
