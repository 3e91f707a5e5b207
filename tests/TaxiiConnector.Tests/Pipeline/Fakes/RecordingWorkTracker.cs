using TaxiiConnector.OpenCti.Works;

namespace TaxiiConnector.Tests.Pipeline.Fakes;

internal sealed class RecordingWorkTracker : IWorkTracker
{
    private int _next;

    public List<string> Started { get; } = [];

    public List<(string? WorkId, string Message, bool InError)> Completed { get; } = [];

    public Dictionary<string, int> Expectations { get; } = [];

    public ValueTask<string?> StartAsync(string friendlyName, CancellationToken cancellationToken)
    {
        Started.Add(friendlyName);
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
        return ValueTask.CompletedTask;
    }
}
