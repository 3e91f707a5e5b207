using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Configuration;
using TaxiiConnector.Hosting;
using TaxiiConnector.Scheduling;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Scheduling;

/// <summary>Scheduler timing on a <see cref="FakeTimeProvider"/>: no real sleeps, waits only on signals (with a generous cap).</summary>
public sealed class ConnectorSchedulerTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly FakeLifetime _lifetime = new();
    private readonly ConnectorRunStatus _status = new();
    private readonly ScriptedJob _job;
    private readonly Channel<ConnectorRunSnapshot> _nextRuns = Channel.CreateUnbounded<ConnectorRunSnapshot>();
    private ConnectorScheduler? _scheduler;

    public ConnectorSchedulerTests()
    {
        _job = new ScriptedJob(_time);
        _status.Changed += (_, snapshot) =>
        {
            if (!snapshot.IsRunning && snapshot.NextRunAt is not null && snapshot.CompletedRuns > 0)
            {
                _nextRuns.Writer.TryWrite(snapshot);
            }
        };
    }

    [Fact]
    public async Task ExecuteAsync_Started_FirstRunIsImmediate()
    {
        await StartAsync(ConnectorSchedule.Every(TimeSpan.FromHours(1)));

        var run = await _job.Started.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        run.StartedAt.Should().Be(Start);
    }

    [Fact]
    public async Task ExecuteAsync_RunTakesFiveMinutes_NextRunIsOnePeriodAfterItEnded()
    {
        var period = TimeSpan.FromMinutes(60);
        await StartAsync(ConnectorSchedule.Every(period));

        var first = await _job.Started.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        _time.Advance(TimeSpan.FromMinutes(5));
        first.Finish.SetResult();
        var scheduled = await _nextRuns.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        scheduled.LastRunEndedAt.Should().Be(Start.AddMinutes(5));
        scheduled.NextRunAt.Should().Be(Start.AddMinutes(65));

        _time.Advance(period - TimeSpan.FromSeconds(1));
        _job.Started.Reader.TryRead(out _).Should().BeFalse("the period counts from the end of the previous run");

        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await _job.Started.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        second.StartedAt.Should().Be(Start.AddMinutes(65));
        _lifetime.StopRequested.Should().BeFalse();
    }

    [Fact]
    public async Task ExecuteAsync_CyberThreatExchangeOnlyWithoutDurationPeriod_NextRunIsIntervalHoursAfterTheRunEnded()
    {
        using var configuration = new TestConfiguration();
        var invocation = configuration.Invocation(TestConfiguration.With(
            ("TAXII2_DISCOVERY_URL", null),
            ("CYBERTHREATEXCHANGE_API_KEY", "ctx-key"),
            ("CYBERTHREATEXCHANGE_FEED_IDS", "feed-1"),
            ("CYBERTHREATEXCHANGE_INTERVAL_HOURS", "3")));
        await using var services = new ServiceCollection().AddLogging()
            .AddConnectorCore(ConnectorConfiguration.Build(invocation), invocation).BuildServiceProvider();
        await StartAsync(services.GetRequiredService<ConnectorSchedule>());

        var first = await _job.Started.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        _time.Advance(TimeSpan.FromMinutes(5));
        first.Finish.SetResult();
        var scheduled = await _nextRuns.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        scheduled.NextRunAt.Should().Be(Start.AddHours(3).AddMinutes(5));
        _time.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        _job.Started.Reader.TryRead(out _).Should().BeFalse("interval_hours counts from the end of the previous run");

        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await _job.Started.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        second.StartedAt.Should().Be(Start.AddHours(3).AddMinutes(5));
    }

    [Fact]
    public async Task ExecuteAsync_RunFails_ScheduleGoesOn()
    {
        var period = TimeSpan.FromMinutes(30);
        await StartAsync(ConnectorSchedule.Every(period));

        var first = await _job.Started.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        first.Finish.SetException(new InvalidOperationException("TAXII server on fire"));
        var scheduled = await _nextRuns.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        scheduled.LastRunSucceeded.Should().BeFalse();
        scheduled.FailedRuns.Should().Be(1);

        _time.Advance(period);
        var second = await _job.Started.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        second.StartedAt.Should().Be(Start + period);
        _scheduler!.ExecuteTask!.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task ExecuteAsync_RunOnce_StopsTheHostAfterTheRun()
    {
        await StartAsync(ConnectorSchedule.Once());

        var run = await _job.Started.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        _lifetime.StopRequested.Should().BeFalse();
        run.Finish.SetResult();
        await _scheduler!.ExecuteTask!.WaitAsync(Patience);

        _lifetime.StopRequested.Should().BeTrue();
        _status.ExitCode.Should().Be(0);
        _status.Current.CompletedRuns.Should().Be(1);
    }

    [Fact]
    public async Task ExecuteAsync_RunOnceFails_ExitCodeIsOne()
    {
        await StartAsync(ConnectorSchedule.Once());

        var run = await _job.Started.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        run.Finish.SetException(new HttpRequestException("connection refused"));
        await _scheduler!.ExecuteTask!.WaitAsync(Patience);

        _lifetime.StopRequested.Should().BeTrue();
        _status.ExitCode.Should().Be(1);
    }

    [Fact]
    public async Task StopAsync_MidRun_CancelsTheRunAndEndsCleanly()
    {
        await StartAsync(ConnectorSchedule.Every(TimeSpan.FromHours(1)));
        var run = await _job.Started.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        run.HonourCancellation = true;

        await _scheduler!.StopAsync(CancellationToken.None).WaitAsync(Patience);

        run.Token.IsCancellationRequested.Should().BeTrue();
        _scheduler.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue();
        _status.Current.IsRunning.Should().BeFalse();
        _status.Current.LastRunSucceeded.Should().BeFalse();
        _job.Started.Reader.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task StopAsync_MidRunInRunOnceMode_ExitCodeIsOne()
    {
        await StartAsync(ConnectorSchedule.Once());
        var run = await _job.Started.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        run.HonourCancellation = true;

        await _scheduler!.StopAsync(CancellationToken.None).WaitAsync(Patience);

        _status.ExitCode.Should().Be(1);
    }

    [Fact]
    public async Task StopAsync_WhileWaitingForNextRun_EndsWithoutAnotherRun()
    {
        await StartAsync(ConnectorSchedule.Every(TimeSpan.FromHours(1)));
        var run = await _job.Started.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        run.Finish.SetResult();
        await _nextRuns.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        await _scheduler!.StopAsync(CancellationToken.None).WaitAsync(Patience);

        _scheduler.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue();
        _status.Current.CompletedRuns.Should().Be(1);
    }

    private async Task StartAsync(ConnectorSchedule schedule)
    {
        _scheduler = new ConnectorScheduler(_job, schedule, _status, _lifetime, _time, NullLogger<ConnectorScheduler>.Instance);
        await _scheduler.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_scheduler is not null)
        {
            _job.CancelAll();
            await _scheduler.StopAsync(CancellationToken.None).WaitAsync(Patience);
            _scheduler.Dispose();
        }
    }

    /// <summary>A job whose runs the test finishes by hand; each start is reported with the fake clock's time.</summary>
    private sealed class ScriptedJob : IConnectorJob
    {
        private readonly TimeProvider _time;
        private readonly List<ScriptedRun> _runs = [];

        public ScriptedJob(TimeProvider time) => _time = time;

        public Channel<ScriptedRun> Started { get; } = Channel.CreateUnbounded<ScriptedRun>();

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var run = new ScriptedRun(_time.GetUtcNow(), cancellationToken);
            lock (_runs)
            {
                _runs.Add(run);
            }

            using var registration = cancellationToken.Register(() =>
            {
                if (run.HonourCancellation)
                {
                    run.Finish.TrySetCanceled(cancellationToken);
                }
            });
            Started.Writer.TryWrite(run);
            await run.Finish.Task;
        }

        public void CancelAll()
        {
            lock (_runs)
            {
                foreach (var run in _runs)
                {
                    run.Finish.TrySetResult();
                }
            }
        }
    }

    private sealed class ScriptedRun
    {
        public ScriptedRun(DateTimeOffset startedAt, CancellationToken token)
        {
            StartedAt = startedAt;
            Token = token;
        }

        public DateTimeOffset StartedAt { get; }

        public CancellationToken Token { get; }

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool HonourCancellation;
    }

    private sealed class FakeLifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _stopping = new();

        public bool StopRequested => _stopping.IsCancellationRequested;

        public CancellationToken ApplicationStarted { get; } = new(canceled: true);

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();
    }
}
