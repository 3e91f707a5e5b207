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
