using TaxiiConnector.Server.Push;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// What the status resource reports per object once an envelope was delivered: success for every object that went to the
/// sink, failure (with the transformer's reason) for every object it dropped.
/// </summary>
internal static class PushObjectResults
{
    public static IReadOnlyList<PushObjectResult> Delivered(IReadOnlyList<PushObjectRef> objects, IReadOnlyList<DroppedObject> dropped)
    {
        var reasons = new Dictionary<int, DroppedObject>();
        foreach (var drop in dropped)
        {
            reasons.TryAdd(drop.SourceIndex, drop);
        }

        var results = new PushObjectResult[objects.Count];
        for (var index = 0; index < objects.Count; index++)
        {
            var reference = objects[index];
            results[index] = reasons.TryGetValue(index, out var drop)
                ? new PushObjectResult(reference.Id, reference.Version, Succeeded: false, $"not imported ({drop.Reason.ToLabel()}): {drop.Detail}")
                : new PushObjectResult(reference.Id, reference.Version, Succeeded: true);
        }

        return results;
    }

    /// <summary>Every object failed for one reason (the spooled file itself could not be read).</summary>
    public static IReadOnlyList<PushObjectResult> AllFailed(IReadOnlyList<PushObjectRef> objects, string message) =>
        [.. objects.Select(reference => new PushObjectResult(reference.Id, reference.Version, Succeeded: false, message))];
}
