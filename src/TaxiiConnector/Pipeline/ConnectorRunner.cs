using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Logging;
using TaxiiConnector.Dedup;
using TaxiiConnector.Observability;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.OpenCti.Works;
using TaxiiConnector.Reports;
using TaxiiConnector.Scheduling;
using TaxiiConnector.Sources;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// The connector's job: one run over every enabled source. Each source gets one OpenCTI work per run, or one per
/// collection when its <see cref="IConnectorSource.WorkScope"/> says so, closed on every exit path; each of its
/// collections is pumped from its committed cursor. A failing collection is reported and the
/// others go on; nothing the sink did not acknowledge is ever committed.
/// </summary>
internal sealed class ConnectorRunner : IConnectorJob
{
    private readonly IReadOnlyList<IConnectorSource> _sources;
    private readonly CollectionPump _pump;
    private readonly IStateStore _state;
    private readonly IWorkTracker _works;
    private readonly IRunAdmission _admission;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ConnectorRunner> _logger;
    private readonly PipelineEvents _events;
    private readonly SemaphoreSlim _stateLoad = new(1, 1);
    private readonly ObjectDeduplicator? _dedup;
    private readonly RunReportStore? _reports;
    private bool _stateLoaded;

    public ConnectorRunner(IEnumerable<IConnectorSource> sources, CollectionPump pump, IStateStore state, IWorkTracker works,
        IRunAdmission admission, IOptions<PipelineOptions> options, TimeProvider timeProvider, ILogger<ConnectorRunner> logger,
        PipelineEvents? events = null, ObjectDeduplicator? dedup = null, RunReportStore? reports = null)
    {
        _dedup = dedup;
        _reports = reports;
        _events = events ?? PipelineEvents.None;
        _admission = admission;
        _sources = [.. sources];
        _pump = pump;
        _state = state;
        _works = works;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The report of the last finished run (null before the first one).</summary>
    public RunReport? LastReport { get; private set; }

    /// <summary>
    /// The scheduler's entry: one run. Every source and collection is attempted whatever fails; a run that was not a full
    /// success then throws, so the scheduler records it as failed (and <c>run --once</c> exits 1).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var report = await RunOnceAsync(cancellationToken);
        if (!report.Succeeded)
        {
            throw new ConnectorRunFailedException(report);
        }
    }

    /// <summary>
    /// One run over every source. Failures of sources and collections are in the report; this throws only when cancelled
    /// or when the state cannot be loaded (nothing was read then).
    /// </summary>
    public async Task<RunReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await _admission.ShouldSkipRunAsync(cancellationToken))
        {
            Log.RunSkipped(_logger);
            var skipped = new RunReport([]) { Skipped = true };
            LastReport = skipped;
            return skipped;
        }

        var runStart = _timeProvider.GetUtcNow();
        await EnsureStateLoadedAsync(cancellationToken);
        var reports = new List<SourceReport>(_sources.Count);
        try
        {
            foreach (var source in _sources)
            {
                reports.Add(await RunSourceAsync(source, cancellationToken));
            }
        }
        finally
        {
            // Expiry and closing the file: a file deleted or replaced before the next run is noticed by it.
            _dedup?.EndRun();
        }

        var report = new RunReport(reports)
        {
            StartedAt = runStart,
            EndedAt = _timeProvider.GetUtcNow(),
            FullResync = _dedup?.Settings.FullResync ?? false,
        };
        if (report.Succeeded)
        {
            await MarkRunCompletedAsync(runStart, cancellationToken);
        }

        _reports?.Write(report, runStart);
        LastReport = report;
        return report;
    }

    /// <summary>
    /// Every collection was read to its end: the run's start becomes the Python connector's <c>last_run</c>. When that
    /// cannot be stored the run still succeeded (every cursor is committed); the value goes with the next write.
    /// </summary>
    private async Task MarkRunCompletedAsync(DateTimeOffset runStart, CancellationToken cancellationToken)
    {
        try
        {
            await _state.MarkRunCompletedAsync(runStart, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.LastRunNotStored(_logger, ex.Message);
        }
    }

    private async Task EnsureStateLoadedAsync(CancellationToken cancellationToken)
    {
        await _stateLoad.WaitAsync(cancellationToken);
        try
        {
            if (!_stateLoaded)
            {
                await _state.LoadAsync(cancellationToken);
                _stateLoaded = true;
            }
        }
        finally
        {
            _stateLoad.Release();
        }
    }

    private async Task<SourceReport> RunSourceAsync(IConnectorSource source, CancellationToken cancellationToken)
    {
        Log.RunStarting(_logger, source.Name);
        var started = _timeProvider.GetTimestamp();
        _events.SourceRunStarted(source.Name);
        var collections = new List<CollectionReport>();
        string? workId = null;
        var workStarted = false;
        string? sourceError = null;
        string? closeError = null;
        var sourceNeedsOperator = false;
        var cancelled = false;
        var workPerCollection = source.WorkScope == SourceWorkScope.PerCollection;
        try
        {
            if (!workPerCollection)
            {
                workId = await _works.StartAsync(WorkName(source.Name), cancellationToken);
                workStarted = true;
            }

            await foreach (var collection in source.GetCollectionsAsync(cancellationToken).WithCancellation(cancellationToken))
            {
                collections.Add(workPerCollection
                    ? await PumpInOwnWorkAsync(source, collection, cancellationToken)
                    : await _pump.PumpAsync(source, collection, workId, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
            Log.RunCancelled(_logger, source.Name);
            _events.SourceRunEnded(source.Name, succeeded: false, _timeProvider.GetElapsedTime(started));
            throw;
        }
        catch (Exception ex)
        {
            var failure = FailureExplainer.Explain(ex, source.Name);
            (sourceError, sourceNeedsOperator) = (failure.Line, failure.NeedsOperator);
            Log.SourceFailed(_logger, source.Name, failure.Line);
        }
        finally
        {
            if (workStarted)
            {
                closeError = await CloseWorkAsync(source.Name, workId, collections, sourceError, cancelled);
            }
        }

        if (workPerCollection && sourceError is not null)
        {
            await RecordSourceFailureAsync(source.Name, sourceError);
        }

        var report = new SourceReport(source.Name, collections, sourceError ?? closeError) { NeedsOperator = sourceNeedsOperator };
        _events.SourceReported(report);
        // A source that failed was summed up by its failure line: "0 collections, 0 failed" would read as a quiet success.
        if (sourceError is null)
        {
            Log.SourceDone(_logger, source.Name, collections.Count, collections.Sum(c => c.ObjectsIn), collections.Sum(c => c.ObjectsOut),
                collections.Sum(c => c.Dropped), collections.Count(c => !c.Succeeded));
        }

        _events.SourceRunEnded(source.Name, report.Succeeded, _timeProvider.GetElapsedTime(started));
        return report;
    }

    /// <summary>One collection in a work of its own, closed whatever happens (in error when the collection failed).</summary>
    private async Task<CollectionReport> PumpInOwnWorkAsync(IConnectorSource source, ISourceCollection collection, CancellationToken cancellationToken)
    {
        var subject = source.Name + " " + collection.DisplayName;
        var workId = await _works.StartAsync(WorkName(subject), cancellationToken);
        CollectionReport? report = null;
        string? closeError;
        try
        {
            report = await _pump.PumpAsync(source, collection, workId, cancellationToken);
        }
        finally
        {
            // The pump reports failures and throws only when cancelled: no report means the run was interrupted.
            closeError = await CloseWorkAsync(subject, workId, report is null ? [] : [report], sourceError: null, cancelled: report is null);
        }

        return closeError is null || report.Error is not null ? report : report with { Error = closeError };
    }

    /// <summary>
    /// A source whose works are per collection and that failed outside them (its collections could not be listed) still
    /// shows the failure in OpenCTI: one work, closed in error at once.
    /// </summary>
    private async Task RecordSourceFailureAsync(string source, string sourceError)
    {
        string? workId;
        try
        {
            // Bounded like closing: the platform may be what failed.
            using var timeout = new CancellationTokenSource(_options.CloseWorkTimeout, _timeProvider);
            workId = await _works.StartAsync(WorkName(source), timeout.Token);
        }
        catch (Exception ex)
        {
            Log.FailureWorkNotOpened(_logger, source, ex.Message);
            return;
        }

        await CloseWorkAsync(source, workId, [], sourceError, cancelled: false);
    }

    private string WorkName(string subject) =>
        string.Create(CultureInfo.InvariantCulture, $"TaxiiConnector {subject} run @ {_timeProvider.GetUtcNow():yyyy-MM-dd HH:mm:ss}");

    /// <summary>Closes the work; returns why it could not be closed (already logged), or null.</summary>
    private async Task<string?> CloseWorkAsync(string source, string? workId, List<CollectionReport> collections, string? sourceError, bool cancelled)
    {
        var failed = collections.Where(c => !c.Succeeded).Select(c => c.Collection).ToList();
        var inError = cancelled || sourceError is not null || failed.Count > 0;
        var message = string.Create(CultureInfo.InvariantCulture, $"{source}: {collections.Count} collections, "
            + $"{collections.Sum(c => c.ObjectsOut)} objects pushed, {collections.Sum(c => c.Dropped)} dropped")
            + (cancelled ? "; run cancelled" : string.Empty)
            + (sourceError is null ? string.Empty : "; source failed: " + sourceError)
            + (failed.Count == 0 ? string.Empty : "; failed collections: " + string.Join(", ", failed));

        // The caller's token may already be cancelled: the work is still closed, within a bounded time.
        using var timeout = new CancellationTokenSource(_options.CloseWorkTimeout, _timeProvider);
        try
        {
            await _works.CompleteAsync(workId, message, inError, timeout.Token);
            return null;
        }
        catch (Exception ex)
        {
            // workToProcessed is not sent again (it may have been applied); the run ends in error so the operator sees it.
            Log.WorkCloseFailed(_logger, source, workId, ex.Message);
            return "could not close OpenCTI work " + workId + ": " + ex.Message;
        }
    }
}
