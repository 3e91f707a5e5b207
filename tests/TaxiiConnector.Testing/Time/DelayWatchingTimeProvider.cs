using Microsoft.Extensions.Time.Testing;

namespace TaxiiConnector.Testing.Time;

/// <summary>
/// A <see cref="FakeTimeProvider"/> front that signals when the code under test starts waiting for a given delay, so a
/// test advances the clock only once that timer exists (no race, no real sleeps). Code that waits on the wall clock
/// creates no such timer, and the test fails.
/// </summary>
public sealed class DelayWatchingTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _inner;
    private readonly TimeSpan _watched;
    private readonly SemaphoreSlim _created = new(0);

    public DelayWatchingTimeProvider(FakeTimeProvider inner, TimeSpan watched)
    {
        _inner = inner;
        _watched = watched;
    }

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _inner.CreateTimer(callback, state, dueTime, period);
        if (dueTime == _watched)
        {
            _created.Release();
        }

        return timer;
    }

    /// <summary>Whether a timer of the watched delay was created within <paramref name="patience"/> of real time.</summary>
    public Task<bool> WaitForDelayAsync(TimeSpan patience) => _created.WaitAsync(patience);
}
