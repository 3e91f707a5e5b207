using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace TaxiiConnector.Taxii.Tests.Taxii1;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records every delay asked for and lets the test release it by advancing fake
/// time: no real sleeping, no polling of the clock.
/// </summary>
internal sealed class DelayRecordingTimeProvider : FakeTimeProvider
{
    private readonly SemaphoreSlim _timerCreated = new(0);

    public DelayRecordingTimeProvider()
        : base(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
            _timerCreated.Release();
        }

        return timer;
    }

    /// <summary>Runs <paramref name="work"/>, releasing each delay it starts, until it completes.</summary>
    public async Task<T> RunReleasingDelaysAsync<T>(Func<Task<T>> work)
    {
        var task = work();
        Task? delayStarted = null;
        while (true)
        {
            // One outstanding wait at a time, so no release of the semaphore is consumed by a forgotten waiter.
            delayStarted ??= _timerCreated.WaitAsync();
            if (await Task.WhenAny(task, delayStarted) == task)
            {
                return await task;
            }

            delayStarted = null;
            Advance(Delays.Last());
        }
    }
}
