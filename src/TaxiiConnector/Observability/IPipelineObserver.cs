using TaxiiConnector.Pipeline;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Observability;

/// <summary>
/// What a run tells the operations side (metrics, readiness, progress). The pipeline calls these at a few fixed points
/// through <see cref="PipelineEvents"/>; an observer must be quick and must not throw (it runs on the pipeline's path).
/// </summary>
internal interface IPipelineObserver
{
    void SourceRunStarted(string source);

    /// <summary>A source's run ended; <paramref name="succeeded"/> is false when it or any of its collections failed.</summary>
    void SourceRunEnded(string source, bool succeeded, TimeSpan elapsed);

    /// <summary>A collection's pump starts from <paramref name="cursor"/> (the committed one; null on a first run).</summary>
    void CollectionStarted(string source, string collection, string? cursor);

    /// <summary>A page came from the server: <paramref name="objects"/> entries, before any transformation.</summary>
    void PageFetched(string source, string collection, int objects);

    /// <summary>A page's bundles were acknowledged and its cursor committed.</summary>
    void PagePushed(string source, string collection, PagePushed page);

    /// <summary>The sink refused a bundle and the pusher will try again.</summary>
    void PushRetried(string source, string collection);

    void CollectionEnded(CollectionReport report);

    /// <summary>A source's run ended with this report (after <see cref="SourceRunEnded"/>).</summary>
    void SourceReported(SourceReport report)
    {
    }
}

/// <summary>One acknowledged page: what reached the sink, what was dropped and why, and the committed cursor.</summary>
/// <param name="ObjectsOut">Objects written into the acknowledged bundles.</param>
/// <param name="Drops">Dropped entries by reason label (<see cref="DropReasonNames.ToLabel"/>, or <see cref="RejectedBySource"/>).</param>
/// <param name="Cursor">The cursor committed after the page.</param>
internal sealed record PagePushed(long ObjectsOut, IReadOnlyDictionary<string, int> Drops, string? Cursor)
{
    /// <summary>References and embedded entries the platform clean-up removed from the page's objects, by reason label.</summary>
    public IReadOnlyDictionary<string, long> ReferencesCut { get; init; } = new Dictionary<string, long>();

    /// <summary>The drop reason of entries the source itself could not use (before the transformer).</summary>
    public const string RejectedBySource = "rejected_by_source";

    /// <summary>Counts drops by reason label from the transformer's list plus the source's rejected entries.</summary>
    public static IReadOnlyDictionary<string, int> CountDrops(IEnumerable<DroppedObject> dropped, int rejectedBySource)
    {
        ArgumentNullException.ThrowIfNull(dropped);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var drop in dropped)
        {
            var label = drop.Reason.ToLabel();
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        if (rejectedBySource > 0)
        {
            counts[RejectedBySource] = rejectedBySource;
        }

        return counts;
    }

    /// <summary>The transformer's drop counts plus <paramref name="rejectedBySource"/> entries under <see cref="RejectedBySource"/>.</summary>
    public static IReadOnlyDictionary<string, int> WithRejected(IReadOnlyDictionary<string, int> drops, int rejectedBySource)
    {
        ArgumentNullException.ThrowIfNull(drops);
        if (rejectedBySource <= 0)
        {
            return drops;
        }

        var counts = new Dictionary<string, int>(drops, StringComparer.Ordinal) { [RejectedBySource] = rejectedBySource };
        return counts;
    }
}
