using System.Collections.Concurrent;
using TaxiiConnector.OpenCti.State;

namespace TaxiiConnector.Tests.Pipeline.Fakes;

internal sealed class InMemoryStateStore : IStateStore
{
    private readonly ConcurrentDictionary<string, string> _cursors = new(StringComparer.Ordinal);

    public List<(string Key, string Cursor)> Commits { get; } = [];

    public int Loads { get; private set; }

    /// <summary>The run starts recorded by <see cref="MarkRunCompletedAsync"/>, oldest first.</summary>
    public List<DateTimeOffset> CompletedRuns { get; } = [];

    public DateTimeOffset? LegacyLastRun { get; set; }

    /// <summary>Called on every commit, before it is stored (a test can check what was acknowledged by then).</summary>
    public Action<string, string>? OnCommit { get; set; }

    public ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        Loads++;
        return ValueTask.CompletedTask;
    }

    public string? GetCursor(string key) => _cursors.TryGetValue(key, out var cursor) ? cursor : null;

    public void Set(string key, string cursor) => _cursors[key] = cursor;

    public ValueTask CommitAsync(string key, string cursor, CancellationToken cancellationToken)
    {
        OnCommit?.Invoke(key, cursor);
        lock (Commits)
        {
            Commits.Add((key, cursor));
        }

        _cursors[key] = cursor;
        return ValueTask.CompletedTask;
    }

    public ValueTask MarkRunCompletedAsync(DateTimeOffset runStart, CancellationToken cancellationToken)
    {
        CompletedRuns.Add(runStart);
        return ValueTask.CompletedTask;
    }
}
