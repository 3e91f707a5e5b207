namespace TaxiiConnector.OpenCti.Works;

/// <summary>Dry runs: no platform, no works.</summary>
public sealed class NullWorkTracker : IWorkTracker
{
    public static NullWorkTracker Instance { get; } = new();

    public ValueTask<string?> StartAsync(string friendlyName, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public ValueTask AddExpectationsAsync(string? workId, int expectations, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask CompleteAsync(string? workId, string message, bool inError, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
