using System.Text.Json;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.IntegrationTests.Infrastructure;

/// <summary>
/// A sink that refuses the push attempts <see cref="Refuses"/> picks and acknowledges the others, recording every acknowledged object
/// and, at each attempt, the cursor the state store held at that moment (to prove state never ran ahead of the sink).
/// </summary>
internal sealed class FlakySink : IBundleSink
{
    private readonly Lock _gate = new();
    private readonly List<(string Id, string Type)> _objects = [];
    private readonly List<(int Attempt, string? CommittedCursor, IReadOnlyList<string> Ids)> _attempts = [];
    private int _attemptCount;

    public string Name => "flaky";

    /// <summary>Which attempts (1-based, counted over the sink's life) are refused.</summary>
    public Func<int, bool> Refuses { get; set; } = _ => false;

    /// <summary>Set by the test once the state store exists: the key whose cursor each attempt records.</summary>
    public (IStateStore Store, string Key)? WatchedState { get; set; }

    public IReadOnlyList<(string Id, string Type)> Objects
    {
        get
        {
            lock (_gate)
            {
                return [.. _objects];
            }
        }
    }

    public IReadOnlyList<(int Attempt, string? CommittedCursor, IReadOnlyList<string> Ids)> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    public ValueTask PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
    {
        var objects = Read(bundle);
        lock (_gate)
        {
            var attempt = ++_attemptCount;
            var cursor = WatchedState is { } watched ? watched.Store.GetCursor(watched.Key) : null;
            _attempts.Add((attempt, cursor, [.. objects.Select(o => o.Id)]));
            if (Refuses(attempt))
            {
                throw new BundleNotDeliveredException($"the platform is unavailable (attempt {attempt} refused)");
            }

            _objects.AddRange(objects);
        }

        return ValueTask.CompletedTask;
    }

    private static List<(string Id, string Type)> Read(StixBundle bundle)
    {
        using var document = JsonDocument.Parse(bundle.Json);
        return [.. document.RootElement.GetProperty("objects").EnumerateArray()
            .Select(o => (o.GetProperty("id").GetString()!, o.GetProperty("type").GetString()!))];
    }
}
