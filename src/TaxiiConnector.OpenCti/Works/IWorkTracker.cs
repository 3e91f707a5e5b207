namespace TaxiiConnector.OpenCti.Works;

/// <summary>
/// OpenCTI "works": one per run and source (or per collection, as the source chooses), closed on every exit path (in
/// error when anything in it failed).
/// </summary>
public interface IWorkTracker
{
    /// <summary>Opens a work and returns its id (null when no platform is configured: dry run).</summary>
    ValueTask<string?> StartAsync(string friendlyName, CancellationToken cancellationToken);

    /// <summary>
    /// Adds to the number of bundles the platform should expect for the work (before they are published). Throws only when
    /// cancelled: a failure is logged and the caller publishes anyway, as pycti does.
    /// </summary>
    ValueTask AddExpectationsAsync(string? workId, int expectations, CancellationToken cancellationToken);

    /// <summary>Closes the work. Must be called on success, failure and cancellation alike.</summary>
    ValueTask CompleteAsync(string? workId, string message, bool inError, CancellationToken cancellationToken);
}
