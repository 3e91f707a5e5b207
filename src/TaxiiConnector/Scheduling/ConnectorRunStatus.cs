namespace TaxiiConnector.Scheduling;

/// <summary>
/// The scheduler's view of runs, for the OpenCTI ping (<c>last_run_datetime</c>, <c>next_run_datetime</c>), health
/// checks and the process exit code of a single run. Thread-safe; <see cref="Changed"/> fires after every transition.
/// </summary>
public sealed class ConnectorRunStatus
{
    private readonly Lock _gate = new();
    private ConnectorRunSnapshot _snapshot = new(false, null, null, null, null, 0, 0);

    public event EventHandler<ConnectorRunSnapshot>? Changed;

    public ConnectorRunSnapshot Current
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>0 unless a single run (run-once mode) failed.</summary>
    public int ExitCode { get; internal set; }

    internal void RunStarted(DateTimeOffset at) =>
        Update(s => s with { IsRunning = true, LastRunStartedAt = at, NextRunAt = null });

    internal void RunEnded(DateTimeOffset at, bool succeeded, string? operatorReason = null) =>
        Update(s => s with
        {
            IsRunning = false,
            OperatorReason = operatorReason,
            LastRunEndedAt = at,
            LastRunSucceeded = succeeded,
            CompletedRuns = s.CompletedRuns + 1,
            FailedRuns = s.FailedRuns + (succeeded ? 0 : 1),
        });

    internal void NextRunScheduled(DateTimeOffset? at) => Update(s => s with { NextRunAt = at });

    private void Update(Func<ConnectorRunSnapshot, ConnectorRunSnapshot> change)
    {
        ConnectorRunSnapshot updated;
        lock (_gate)
        {
            updated = _snapshot = change(_snapshot);
        }

        Changed?.Invoke(this, updated);
    }
}

/// <summary>One consistent view of <see cref="ConnectorRunStatus"/>.</summary>
public sealed record ConnectorRunSnapshot(
    bool IsRunning,
    DateTimeOffset? LastRunStartedAt,
    DateTimeOffset? LastRunEndedAt,
    bool? LastRunSucceeded,
    DateTimeOffset? NextRunAt,
    int CompletedRuns,
    int FailedRuns)
{
    /// <summary>Why the last run failed when a person must act and no source's report says it (e.g. OpenCTI refused the token).</summary>
    public string? OperatorReason { get; init; }
}
