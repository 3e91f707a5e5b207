using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Pipeline;

namespace TaxiiConnector.Observability;

/// <summary>
/// The pipeline's single dependency on the operations side: hands each event to every registered
/// <see cref="IPipelineObserver"/>. An observer that throws is logged and skipped, so watching a run can never break it.
/// </summary>
internal sealed partial class PipelineEvents
{
    private readonly IPipelineObserver[] _observers;
    private readonly ILogger _logger;

    public PipelineEvents(IEnumerable<IPipelineObserver> observers, ILogger<PipelineEvents> logger)
    {
        ArgumentNullException.ThrowIfNull(observers);
        _observers = [.. observers];
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>No observers: what the pipeline uses when nobody watches (unit tests of the pipeline).</summary>
    public static PipelineEvents None { get; } = new([], NullLogger<PipelineEvents>.Instance);

    public void SourceRunStarted(string source) => Each(o => o.SourceRunStarted(source));

    public void SourceRunEnded(string source, bool succeeded, TimeSpan elapsed) => Each(o => o.SourceRunEnded(source, succeeded, elapsed));

    public void CollectionStarted(string source, string collection, string? cursor) => Each(o => o.CollectionStarted(source, collection, cursor));

    public void PageFetched(string source, string collection, int objects) => Each(o => o.PageFetched(source, collection, objects));

    public void PagePushed(string source, string collection, PagePushed page) => Each(o => o.PagePushed(source, collection, page));

    public void PushRetried(string source, string collection) => Each(o => o.PushRetried(source, collection));

    public void CollectionEnded(CollectionReport report) => Each(o => o.CollectionEnded(report));

    public void SourceReported(SourceReport report) => Each(o => o.SourceReported(report));

    private void Each(Action<IPipelineObserver> notify)
    {
        foreach (var observer in _observers)
        {
            try
            {
                notify(observer);
            }
#pragma warning disable CA1031 // Isolation: an observer (metrics, status) that fails must not fail the run it watches.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ObserverFailed(_logger, observer.GetType().Name, ex.Message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.ObserverFailed, EventName = nameof(LogEventIds.ObserverFailed), Level = LogLevel.Warning,
            Message = "Pipeline observer {Observer} failed; the run goes on: {Reason}")]
        public static partial void ObserverFailed(ILogger logger, string observer, string reason);
    }
}
