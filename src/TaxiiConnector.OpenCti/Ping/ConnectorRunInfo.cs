namespace TaxiiConnector.OpenCti.Ping;

/// <summary>
/// What the ping reports as <c>connectorInfo</c>: buffering (set by <see cref="Buffering.QueueBufferingCheck"/>), the queue
/// size, and the scheduler's last and next run times. Thread-safe.
/// </summary>
public sealed class ConnectorRunInfo
{
    private readonly Lock _lock = new();
    private bool _buffering;
    private double _queueMessagesSizeMb;
    private DateTimeOffset? _lastRun;
    private DateTimeOffset? _nextRun;

    public bool Buffering
    {
        get
        {
            lock (_lock)
            {
                return _buffering;
            }
        }
    }

    public double QueueMessagesSizeMb
    {
        get
        {
            lock (_lock)
            {
                return _queueMessagesSizeMb;
            }
        }
    }

    public DateTimeOffset? LastRun
    {
        get
        {
            lock (_lock)
            {
                return _lastRun;
            }
        }
    }

    public DateTimeOffset? NextRun
    {
        get
        {
            lock (_lock)
            {
                return _nextRun;
            }
        }
    }

    public void SetQueue(bool buffering, double queueMessagesSizeMb)
    {
        lock (_lock)
        {
            _buffering = buffering;
            _queueMessagesSizeMb = queueMessagesSizeMb;
        }
    }

    /// <summary>Called by the scheduler after each run (and when it knows the next one).</summary>
    public void SetRunTimes(DateTimeOffset? lastRun, DateTimeOffset? nextRun)
    {
        lock (_lock)
        {
            _lastRun = lastRun;
            _nextRun = nextRun;
        }
    }
}
