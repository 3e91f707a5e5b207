using TaxiiConnector.Server.Push;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// What the status resource reports per object once an envelope was delivered: success for every object that went to the
/// sink, failure (with the transformer's reason) for every object it dropped, and success with a note for every object
/// de-duplication left out (the platform already has that version).
/// </summary>
internal static class PushObjectResults
{
    /// <summary>The note on the success of an object left out by de-duplication.</summary>
    public const string DuplicateMessage = "already imported: this version was sent before, not sent again";

    public static bool IsDuplicate(PushObjectResult result) =>
        result is { Succeeded: true, Message: DuplicateMessage };

    public static IReadOnlyList<PushObjectResult> Delivered(IReadOnlyList<PushObjectRef> objects, IReadOnlyList<DroppedObject> dropped,
        IReadOnlyList<int>? duplicates = null)
    {
        var duplicateIndexes = duplicates is null ? [] : new HashSet<int>(duplicates);
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
                : duplicateIndexes.Contains(index)
                    ? new PushObjectResult(reference.Id, reference.Version, Succeeded: true, DuplicateMessage)
                    : new PushObjectResult(reference.Id, reference.Version, Succeeded: true);
        }

        return results;
    }

    /// <summary>Every object failed for one reason (the spooled file itself could not be read).</summary>
    public static IReadOnlyList<PushObjectResult> AllFailed(IReadOnlyList<PushObjectRef> objects, string message) =>
        [.. objects.Select(reference => new PushObjectResult(reference.Id, reference.Version, Succeeded: false, message))];
}
