namespace TaxiiConnector.Taxii.Taxii1.Polling;

/// <summary>
/// Plans the poll windows of one collection: from the checkpoint (the end of the last window whose content was fully
/// pushed; on the first run, now minus the initial history) up to now minus a safety lag, in steps of at most the
/// maximum window (ThreatConnect refuses more than 24 h by default). Windows are contiguous: each begins exactly where
/// the previous one ended, and TAXII 1.1's exclusive begin / inclusive end means no block is polled twice or skipped.
/// All bounds are whole milliseconds, the precision they are sent and stored with, so a stored checkpoint is exactly
/// the next begin.
/// </summary>
public sealed class Taxii1PollWindows
{
    private readonly TimeSpan _maxWindow;
    private readonly TimeSpan _safetyLag;
    private readonly TimeSpan _initialHistory;
    private readonly TimeProvider _timeProvider;

    public Taxii1PollWindows(TimeSpan maxWindow, TimeSpan safetyLag, TimeSpan initialHistory, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWindow, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(safetyLag, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialHistory, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _maxWindow = maxWindow;
        _safetyLag = safetyLag;
        _initialHistory = initialHistory;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// The windows to poll now, oldest first. The upper limit is read from the clock once, here, so a long run does not
    /// chase the clock; what is left is the next run's. Empty when the checkpoint is already at (or past) the limit.
    /// </summary>
    public IReadOnlyList<Taxii1PollWindow> Plan(DateTimeOffset? checkpoint)
    {
        var limit = Taxii1Timestamp.TruncateToMilliseconds(_timeProvider.GetUtcNow() - _safetyLag);
        var begin = Taxii1Timestamp.TruncateToMilliseconds(checkpoint ?? limit - _initialHistory);
        return Split(begin, limit, _maxWindow);
    }

    /// <summary>Splits (<paramref name="begin"/>, <paramref name="limit"/>] into contiguous windows of at most <paramref name="maxWindow"/>.</summary>
    public static IReadOnlyList<Taxii1PollWindow> Split(DateTimeOffset begin, DateTimeOffset limit, TimeSpan maxWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxWindow, TimeSpan.Zero);
        var windows = new List<Taxii1PollWindow>();
        var current = begin.ToUniversalTime();
        limit = limit.ToUniversalTime();
        while (current < limit)
        {
            // Strictly increasing and bounded by limit: the loop ends after ceil((limit - begin) / maxWindow) steps.
            var end = limit - current > maxWindow ? current + maxWindow : limit;
            windows.Add(new Taxii1PollWindow(current, end));
            current = end;
        }

        return windows;
    }
}
