namespace TaxiiConnector.OpenCti.Sinks.Splitting;

/// <summary>
/// Which of the objects the connector adds to every bundle (the author identity, the default marking) the broker already
/// confirmed for a work and collection, so each goes once per work and collection rather than once per page. Without a
/// work nothing is remembered: every bundle then carries them.
/// </summary>
internal sealed class SharedObjectLedger
{
    private readonly Dictionary<(string Source, string Collection), (string WorkId, HashSet<string> Ids)> _delivered = [];
    private readonly Lock _gate = new();

    /// <summary>The pieces to publish, in order: every piece except shared objects already confirmed in this work.</summary>
    public List<int> Select(OneObjectBundles pieces, PushContext context)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(context);
        var selected = new List<int>(pieces.Count);
        lock (_gate)
        {
            var known = Known(context);
            for (var i = 0; i < pieces.Count; i++)
            {
                if (known is null || pieces.SharedObjectId(i) is not { } id || !known.Contains(id))
                {
                    selected.Add(i);
                }
            }
        }

        return selected;
    }

    /// <summary>Records the shared objects among <paramref name="selected"/> once the broker confirmed them.</summary>
    public void Delivered(OneObjectBundles pieces, IReadOnlyList<int> selected, PushContext context)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(selected);
        ArgumentNullException.ThrowIfNull(context);
        if (context.WorkId is not { } workId)
        {
            return;
        }

        lock (_gate)
        {
            var key = (context.Source, context.Collection);
            if (!_delivered.TryGetValue(key, out var entry) || !string.Equals(entry.WorkId, workId, StringComparison.Ordinal))
            {
                // A new work: what an earlier work delivered no longer counts.
                entry = (workId, new HashSet<string>(StringComparer.Ordinal));
                _delivered[key] = entry;
            }

            foreach (var index in selected)
            {
                if (pieces.SharedObjectId(index) is { } id)
                {
                    entry.Ids.Add(id);
                }
            }
        }
    }

    private HashSet<string>? Known(PushContext context) =>
        context.WorkId is { } workId
        && _delivered.TryGetValue((context.Source, context.Collection), out var entry)
        && string.Equals(entry.WorkId, workId, StringComparison.Ordinal)
            ? entry.Ids
            : null;
}
