using Microsoft.Extensions.Time.Testing;

namespace TaxiiConnector.Testing.Time;

/// <summary>
/// A <see cref="FakeTimeProvider"/> front that knows which timers the code under test is waiting on, so a test moves the
/// clock straight to the next one, and only while one exists: the clock never moves while the code does real work.
/// Code that waits on the wall clock sets no timer here, the clock does not move for it, and the test runs out of
/// patience (its delays are longer than the patience).
/// </summary>
public sealed class TimerWatchingTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _inner;
    private readonly Lock _lock = new();
    private readonly List<WatchedTimer> _pending = [];
    private TaskCompletionSource _changed = NewSignal();

    public TimerWatchingTimeProvider(FakeTimeProvider inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        // Watched before the inner timer exists: a timer due now may fire while it is created.
        var timer = new WatchedTimer(this);
        timer.Schedule(dueTime, period);
        timer.Inner = _inner.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            dueTime,
            period);
        return timer;
    }

    /// <summary>
    /// Awaits <paramref name="work"/>; each time it waits on a timer due within <paramref name="horizon"/> of now, moves
    /// the clock to that timer (timers further out, such as request timeouts, are left alone: the work is doing real
    /// I/O meanwhile). Throws <see cref="TimeoutException"/> when for <paramref name="patience"/> of real time
    /// the work neither finishes nor sets such a timer (it is stuck, or waiting on the wall clock).
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> work, TimeSpan horizon, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        await DriveAsync((Task)work, horizon, patience).ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }

    /// <inheritdoc cref="DriveAsync{T}(Task{T}, TimeSpan, TimeSpan?)"/>
    public async Task DriveAsync(Task work, TimeSpan horizon, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        var wait = patience ?? Eventually.DefaultPatience;
        while (!work.IsCompleted)
        {
            Task changed;
            DateTimeOffset? next = null;
            var limit = _inner.GetUtcNow() + horizon;
            lock (_lock)
            {
                changed = _changed.Task;
                foreach (var timer in _pending)
                {
                    if (timer.Due <= limit && (next is null || timer.Due < next))
                    {
                        next = timer.Due;
                    }
                }
            }

            if (next is { } due)
            {
                var step = due - _inner.GetUtcNow();
                _inner.Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
                continue;
            }

            try
            {
                await Task.WhenAny(work, changed).WaitAsync(wait).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"For {wait.TotalSeconds:0} s the work neither finished nor waited on the fake clock (within {horizon} of it).");
            }
        }

        await work.ConfigureAwait(false);
    }

    /// <summary>
    /// Waits (up to <paramref name="patience"/> of real time) until the code under test waits on a timer set for a delay
    /// that <paramref name="delay"/> accepts, then moves the clock to it; false when no such timer came.
    /// </summary>
    public async Task<bool> AdvanceToTimerAsync(Func<TimeSpan, bool> delay, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(delay);
        var deadline = TimeProvider.System.GetTimestamp() + (long)(patience.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            Task changed;
            DateTimeOffset? due = null;
            lock (_lock)
            {
                changed = _changed.Task;
                foreach (var timer in _pending)
                {
                    if (delay(timer.Delay))
                    {
                        due = timer.Due;
                        break;
                    }
                }
            }

            if (due is { } value)
            {
                var step = value - _inner.GetUtcNow();
                _inner.Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
                return true;
            }

            var remaining = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero || !await WaitQuietlyAsync(changed, remaining).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    private static async Task<bool> WaitQuietlyAsync(Task changed, TimeSpan patience)
    {
        try
        {
            await changed.WaitAsync(patience).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Update(WatchedTimer timer, DateTimeOffset? due)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _pending.Remove(timer);
            if (due is { } value)
            {
                timer.Due = value;
                _pending.Add(timer);
            }

            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private sealed class WatchedTimer(TimerWatchingTimeProvider owner) : ITimer
    {
        private bool _oneShot = true;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset Due { get; set; }

        /// <summary>The delay the timer was last set for.</summary>
        public TimeSpan Delay { get; private set; }

        /// <summary>
        /// Only one-shot timers are waits (a delay, a back-off, a timeout). Periodic ones (progress reports) tick in the
        /// background: moved to, they would race the clock past every timeout.
        /// </summary>
        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            _oneShot = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero;
            Delay = dueTime;
            owner.Update(this, dueTime == Timeout.InfiniteTimeSpan || !_oneShot ? null : owner.GetUtcNow() + dueTime);
        }

        public void Fired() => owner.Update(this, null);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = Inner.Change(dueTime, period);
            Schedule(dueTime, period);
            return changed;
        }

        public void Dispose()
        {
            Inner.Dispose();
            owner.Update(this, null);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
