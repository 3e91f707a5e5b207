using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.Tests.Pipeline.Fakes;

/// <summary>Records every acknowledged bundle's object ids; can fail its first pushes or hold pushes at a gate.</summary>
internal sealed class RecordingSink : IBundleSink
{
    private readonly Lock _lock = new();
    private readonly List<string> _objectIds = [];
    private int _attempts;

    public string Name => "recording";

    /// <summary>How many pushes fail before the sink recovers (int.MaxValue: never recovers).</summary>
    public int FailFirst { get; set; }

    /// <summary>
    /// Whether the failures say nothing was delivered (<see cref="BundleNotDeliveredException"/>, which the pipeline
    /// retries) or are final (a refusal the platform may have applied, a permanent error).
    /// </summary>
    public bool FailuresAreFinal { get; set; }

    /// <summary>When set, what each of the first <see cref="FailFirst"/> pushes throws (by attempt number).</summary>
    public Func<int, Exception>? FailWith { get; set; }

    /// <summary>When set, each push waits here before it is acknowledged.</summary>
    public SemaphoreSlim? Gate { get; set; }

    /// <summary>Called before a push is acknowledged (after the gate).</summary>
    public Action<PushContext>? BeforeAck { get; set; }

    public int Attempts => Volatile.Read(ref _attempts);

    public int Acknowledged { get; private set; }

    public List<PushContext> Contexts { get; } = [];

    public IReadOnlyList<string> ObjectIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _objectIds];
            }
        }
    }

    public async ValueTask PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (Gate is not null)
        {
            await Gate.WaitAsync(cancellationToken);
        }

        if (attempt <= FailFirst)
        {
            throw FailWith?.Invoke(attempt) ?? (FailuresAreFinal
                ? new InvalidOperationException($"platform refused the bundle (attempt {attempt})")
                : new BundleNotDeliveredException($"platform unavailable (attempt {attempt})"));
        }

        BeforeAck?.Invoke(context);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _objectIds.AddRange(FakeBundler.ObjectIds(bundle));
            Contexts.Add(context);
            Acknowledged++;
        }
    }
}
