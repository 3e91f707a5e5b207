using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Logging;
using TaxiiConnector.Pipeline;

namespace TaxiiConnector.Scheduling;

/// <summary>
/// Runs <see cref="IConnectorJob"/> on the <see cref="ConnectorSchedule"/>: the first run at start, the next one a
/// period after the previous one ended (or at the next cron occurrence), never before the host finished starting. A
/// failing run is logged and the schedule goes on; in run-once mode the host is stopped after the run, and a failed run's
/// line says the process exits with code 1. Stopping the host cancels the current run's token, and the
/// host waits for it up to <c>HostOptions.ShutdownTimeout</c>. Every clock read and delay goes through
/// <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class ConnectorScheduler : BackgroundService
{
    // Task.Delay accepts at most ~49 days; a longer wait (a yearly cron) is several delays.
    private static readonly TimeSpan LongestDelay = TimeSpan.FromDays(1);

    private readonly IConnectorJob _job;
    private readonly ConnectorSchedule _schedule;
    private readonly ConnectorRunStatus _status;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger<ConnectorScheduler> _logger;

    public ConnectorScheduler(
        IConnectorJob job,
        ConnectorSchedule schedule,
        ConnectorRunStatus status,
        IHostApplicationLifetime lifetime,
        TimeProvider time,
        ILogger<ConnectorScheduler> logger)
    {
        _job = job;
        _schedule = schedule;
        _status = status;
        _lifetime = lifetime;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // No run before every hosted service started: a start that fails (OpenCTI refused the token) must not be
        // preceded, or followed in the log, by a run that could not do its job.
        if (!await HostStartedAsync(stoppingToken))
        {
            return;
        }

        Log.ScheduleStarted(_logger, _schedule.ToString());
        try
        {
            var due = _schedule.FirstRun(_time.GetUtcNow());
            while (due is { } nextRun)
            {
                _status.NextRunScheduled(nextRun);
                await WaitUntilAsync(nextRun, stoppingToken);
                var succeeded = await RunOnceAsync(stoppingToken);
                if (_schedule.RunOnce)
                {
                    _status.ExitCode = succeeded ? 0 : 1;
                    break;
                }

                due = _schedule.NextAfter(_time.GetUtcNow());
                if (due is { } scheduled)
                {
                    Log.NextRun(_logger, scheduled);
                }
            }

            _status.NextRunScheduled(null);
            _lifetime.StopApplication();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.Stopped(_logger);
        }
    }

    private async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        var started = _time.GetUtcNow();
        _status.RunStarted(started);
        Log.RunStarting(_logger);
        try
        {
            await _job.RunAsync(stoppingToken);
            var ended = _time.GetUtcNow();
            _status.RunEnded(ended, succeeded: true);
            Log.RunCompleted(_logger, (ended - started).TotalSeconds);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _status.RunEnded(_time.GetUtcNow(), succeeded: false);
            if (_schedule.RunOnce)
            {
                // A single run stopped half way did not do its job: a batch scheduler must not see success.
                _status.ExitCode = 1;
            }

            Log.RunCancelled(_logger);
            throw;
        }
        catch (Exception exception)
        {
            var ended = _time.GetUtcNow();
            var seconds = (ended - started).TotalSeconds;
            // A run that failed in its sources already logged one line per failure: the last line only sums up.
            var failure = exception is ConnectorRunFailedException ? null : FailureExplainer.Explain(exception);
            _status.RunEnded(ended, succeeded: false, failure is { NeedsOperator: true } ? failure.Line : null);
            var reason = exception is ConnectorRunFailedException { Report: { } report } ? Summary(report) : failure?.Line ?? exception.Message;
            Log.RunFailure(_logger, exception);
            if (_schedule.RunOnce)
            {
                Log.SingleRunFailed(_logger, seconds, reason);
            }
            else
            {
                Log.RunFailed(_logger, seconds, reason);
            }

            return false;
        }
    }

    private static string Summary(RunReport report)
    {
        var failed = report.Sources.Count(s => s.Error is not null) + report.Collections.Count(c => !c.Succeeded);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{failed} failure(s), each on its own line above");
    }

    /// <summary>Waits until the host started every service; false when it is stopping instead (its start failed).</summary>
    private async Task<bool> HostStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = _lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    // Re-reads the clock after each delay, so a wait that starts late (or a clock that jumped) still ends at the due time.
    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = due - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(remaining < LongestDelay ? remaining : LongestDelay, _time, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.ScheduleStarted, EventName = nameof(LogEventIds.ScheduleStarted), Level = LogLevel.Information, Message = "Scheduler started: runs {Schedule}")]
        public static partial void ScheduleStarted(ILogger logger, string schedule);

        [LoggerMessage(EventId = LogEventIds.RunStarting, EventName = nameof(LogEventIds.RunStarting), Level = LogLevel.Debug, Message = "Run starting")]
        public static partial void RunStarting(ILogger logger);

        [LoggerMessage(EventId = LogEventIds.RunCompleted, EventName = nameof(LogEventIds.RunCompleted), Level = LogLevel.Debug, Message = "Run completed in {Seconds:F1} s")]
        public static partial void RunCompleted(ILogger logger, double seconds);

        [LoggerMessage(EventId = LogEventIds.RunFailed, EventName = nameof(LogEventIds.RunFailed), Level = LogLevel.Error, Message = "Run failed after {Seconds:F1} s: {Reason}; the schedule goes on")]
        public static partial void RunFailed(ILogger logger, double seconds, string reason);

        [LoggerMessage(EventId = LogEventIds.SingleRunFailed, EventName = nameof(LogEventIds.SingleRunFailed), Level = LogLevel.Error, Message = "Run failed after {Seconds:F1} s: {Reason}; exiting with code 1")]
        public static partial void SingleRunFailed(ILogger logger, double seconds, string reason);

        [LoggerMessage(EventId = LogEventIds.RunFailure, EventName = nameof(LogEventIds.RunFailure), Level = LogLevel.Debug, Message = "Run failure details")]
        public static partial void RunFailure(ILogger logger, Exception exception);

        [LoggerMessage(EventId = LogEventIds.RunCancelled, EventName = nameof(LogEventIds.RunCancelled), Level = LogLevel.Warning, Message = "Run cancelled: the connector is stopping")]
        public static partial void RunCancelled(ILogger logger);

        [LoggerMessage(EventId = LogEventIds.NextRun, EventName = nameof(LogEventIds.NextRun), Level = LogLevel.Information, Message = "Next run at {NextRun:O}")]
        public static partial void NextRun(ILogger logger, DateTimeOffset nextRun);

        [LoggerMessage(EventId = LogEventIds.SchedulerStopped, EventName = nameof(LogEventIds.SchedulerStopped), Level = LogLevel.Information, Message = "Scheduler stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
