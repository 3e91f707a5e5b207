namespace TaxiiConnector.Cli;

/// <summary>
/// What the user asked for on the command line, plus the environment it was asked in (a snapshot, so tests can run
/// commands in-process side by side without touching the process environment). Registered as a singleton.
/// </summary>
public sealed record ConnectorInvocation
{
    /// <summary>The verb: <c>run</c> (default), <c>check-config</c>, <c>discover</c>, <c>demo</c>, ...</summary>
    public string Command { get; init; } = "run";

    /// <summary><c>run --once</c>: one run, then exit.</summary>
    public bool Once { get; init; }

    /// <summary><c>run --full-resync</c>: de-duplication skips nothing this run (what is sent is still recorded).</summary>
    public bool FullResync { get; init; }

    /// <summary><c>run --dry-run</c>: bundles go to <see cref="OutputDirectory"/>; no OpenCTI needed.</summary>
    public bool DryRun { get; init; }

    /// <summary><c>--output DIR</c>; null: a dry run writes to <c>output</c> under <c>connector.data_dir</c>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary><c>--config PATH</c>; null means <c>./config.yml</c> when present.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Arguments no shared option claimed, for the command's own parsing.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Extra configuration on top of file and environment (<c>section:key</c> paths), e.g. the demo's source.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>No OpenCTI platform is needed: a dry run or the demo.</summary>
    public bool WithoutPlatform => DryRun || string.Equals(Command, "demo", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyDictionary<string, string?> CaptureEnvironment()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value;
        }

        return variables;
    }
}
