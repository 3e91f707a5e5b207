namespace TaxiiConnector.Dedup;

/// <summary>What de-duplication does in this process: where the database is, which sources use it, how long it keeps.</summary>
internal sealed class DedupSettings
{
    public const string DatabaseFileName = "dedup.sqlite";

    /// <summary>The SQLite file (<c>{connector.data_dir}/dedup.sqlite</c>).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Where run reports are kept: their presence tells a deleted database from a first run.</summary>
    public string? RunsDirectory { get; init; }

    /// <summary>Source names (config sections) whose <c>dedup</c> is false.</summary>
    public IReadOnlySet<string> DisabledSources { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary><c>run --full-resync</c>: nothing is skipped this run; what is sent is still recorded.</summary>
    public bool FullResync { get; init; }

    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(180);

    public long MaxVersionsPerCollection { get; init; } = 5_000_000;

    public bool IsEnabledFor(string source) => !DisabledSources.Contains(source);
}
