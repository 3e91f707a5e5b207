using TaxiiConnector.OpenCti.Works;

namespace TaxiiConnector.Tests.Pipeline.Fakes;

internal sealed class RecordingWorkTracker : IWorkTracker
{
    private int _next;

    public List<string> Started { get; } = [];

    public List<(string? WorkId, string Message, bool InError)> Completed { get; } = [];

    public Dictionary<string, int> Expectations { get; } = [];

    /// <summary>When set, opening a work fails with it (a workAdd the platform may have applied).</summary>
    public Exception? StartFailure { get; set; }

    /// <summary>When set, closing a work fails with it (a workToProcessed the platform may have applied).</summary>
    public Exception? CompleteFailure { get; set; }

    public ValueTask<string?> StartAsync(string friendlyName, CancellationToken cancellationToken)
    {
        Started.Add(friendlyName);
        if (StartFailure is { } failure)
        {
            throw failure;
        }

        return ValueTask.FromResult<string?>("work-" + Interlocked.Increment(ref _next));
    }

    public ValueTask AddExpectationsAsync(string? workId, int expectations, CancellationToken cancellationToken)
    {
        lock (Expectations)
        {
            Expectations[workId!] = Expectations.GetValueOrDefault(workId!) + expectations;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(string? workId, string message, bool inError, CancellationToken cancellationToken)
    {
        Completed.Add((workId, message, inError));
        if (CompleteFailure is { } failure)
        {
            throw failure;
        }

        return ValueTask.CompletedTask;
    }
}
