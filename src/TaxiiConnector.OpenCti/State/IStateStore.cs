namespace TaxiiConnector.OpenCti.State;

/// <summary>
/// Per-collection cursors that survive restarts. A cursor is an opaque string owned by the source that wrote it
/// (a TAXII <c>added_after</c> timestamp, a TAXII 1.1 window end, a feed cursor). Keys are built by the sources,
/// e.g. <c>taxii2|https://host/api1/|collection-id</c>.
/// </summary>
public interface IStateStore
{
    /// <summary>Loads the stored state (OpenCTI's <c>connector_state</c> or the state file). Called once at start.</summary>
    ValueTask LoadAsync(CancellationToken cancellationToken);

    /// <summary>The committed cursor for a key, or null when the key has none.</summary>
    string? GetCursor(string key);

    /// <summary>
    /// The Python connector's connector-wide <c>{"last_run": epoch}</c> this state was migrated from (kept after the first
    /// commits): every collection without its own cursor starts from there. Null when the state never was the Python
    /// connector's.
    /// </summary>
    DateTimeOffset? LegacyLastRun { get; }

    /// <summary>Stores the cursor for a key and makes it durable (file written, or pinged to OpenCTI) before returning.</summary>
    ValueTask CommitAsync(string key, string cursor, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the run started at <paramref name="runStart"/> read every collection to its end, as the Python
    /// connector's <c>last_run</c> (so switching back to it skips nothing), and makes it durable like a commit.
    /// </summary>
    ValueTask MarkRunCompletedAsync(DateTimeOffset runStart, CancellationToken cancellationToken);
}
