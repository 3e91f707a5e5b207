using Microsoft.Extensions.Time.Testing;

namespace TaxiiConnector.OpenCti.Tests.Platform;

/// <summary>
/// A <see cref="FakeTimeProvider"/> front that signals when a loop starts waiting for a given delay, so a test advances
/// the clock only once the timer exists (no race, no real sleeps).
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

    /// <summary>Waits (at most a minute of real time) until a timer of the watched delay was created.</summary>
    public async Task WaitForDelayAsync()
    {
        var created = await _created.WaitAsync(TimeSpan.FromSeconds(60));
        created.Should().BeTrue("the loop should have started its next wait");
    }
}
