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
    /// The Python connector's connector-wide <c>{"last_run": epoch}</c>, when the stored state has it and no cursor map:
    /// every collection without its own cursor starts from there.
    /// </summary>
    DateTimeOffset? LegacyLastRun { get; }

    /// <summary>Stores the cursor for a key and makes it durable (file written, or pinged to OpenCTI) before returning.</summary>
    ValueTask CommitAsync(string key, string cursor, CancellationToken cancellationToken);
}
