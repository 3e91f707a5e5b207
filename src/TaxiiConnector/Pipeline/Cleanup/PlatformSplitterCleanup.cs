using System.Buffers;

namespace TaxiiConnector.Pipeline.Cleanup;

/// <summary>One object of a unit to clean: its id, its JSON and its fields; the outcome is filled in by the clean-up.</summary>
internal sealed class CleanupItem
{
    public CleanupItem(string id, StixObjectFields fields)
    {
        Id = id;
        Fields = fields;
    }

    public string Id { get; }

    public StixObjectFields Fields { get; }

    /// <summary>Dependencies within the unit plus one (the platform's <c>nb_deps</c>).</summary>
    public int DependencyCount { get; set; }

    /// <summary>Null: kept. Otherwise why the platform's splitter would not send it.</summary>
    public Stix.Transform.DropReason? Dropped { get; set; }

    /// <summary>True when a field's value changed and the JSON must be rewritten.</summary>
    public bool Changed { get; set; }
}

/// <summary>
/// What the OpenCTI platform's client does to a bundle before it splits it into one message per object, applied to one
/// unit of objects: objects of types the platform does not import are dropped; references to such types are nulled
/// (<c>*_ref</c>) or removed (<c>*_refs</c>), as are self-references and the reference that closes a cycle; then
/// relationships and sightings left without their ends are dropped; external references and kill chain phases are
/// de-duplicated. References to ids outside the unit are kept (the connector never drops a relationship only because its
/// target is elsewhere). The walk follows the client's own order and rules exactly, because which reference of a cycle
/// is cut depends on it.
/// </summary>
internal sealed class PlatformSplitterCleanup
{
    private readonly Dictionary<string, CleanupItem> _rawData;
    private readonly Dictionary<string, CleanupItem> _cacheIndex;
    private readonly Dictionary<string, List<string>> _cacheRefs;

    private PlatformSplitterCleanup(int items)
    {
        _rawData = new(items, StringComparer.Ordinal);
        _cacheIndex = new(items, StringComparer.Ordinal);
        _cacheRefs = new(items, StringComparer.Ordinal);
    }

    /// <summary>
    /// The client's <c>parents</c>: the references followed from the item the walk started at (not that item itself). The
    /// client passes a new list down each call; one set, added to before a call and removed from after, holds the same ids.
    /// </summary>
    private readonly HashSet<string> _parents = new(StringComparer.Ordinal);

    /// <summary>Runs the clean-up over <paramref name="items"/> (in unit order) and counts what it removed.</summary>
    public static void Apply(IReadOnlyList<CleanupItem> items, ReasonCounts referencesCut)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(referencesCut);
        var cleanup = new PlatformSplitterCleanup(items.Count);
        foreach (var item in items)
        {
            cleanup._rawData[item.Id] = item;
            foreach (var alias in Aliases(item))
            {
                cleanup._rawData[alias] = item;
            }
        }

        foreach (var item in items)
        {
            cleanup.Enlist(item.Id);
        }

        foreach (var item in items)
        {
            // An earlier copy of a repeated id is not the one the walk saw: it is judged like the one it did see.
            var seen = cleanup._rawData[item.Id];
            if (!ReferenceEquals(seen, item))
            {
                item.Dropped = seen.Dropped;
                continue;
            }

            Count(item, referencesCut);
        }
    }

    private static IEnumerable<string> Aliases(CleanupItem item)
    {
        if (item.Fields.OpenCtiId is { Length: > 0 } openCtiId)
        {
            yield return openCtiId;
        }

        if (item.Fields.ExtensionId is { Length: > 0 } extensionId)
        {
            yield return extensionId;
        }
    }

    private int Enlist(string itemId)
    {
        if (!_rawData.TryGetValue(itemId, out var item))
        {
            return 0;
        }

        if (_cacheIndex.TryGetValue(itemId, out var existing))
        {
            return existing.DependencyCount;
        }

        var dependencies = 1;
        if (!_cacheRefs.TryGetValue(itemId, out var ownRefs))
        {
            ownRefs = new List<string>(item.Fields.Fields.Count * 2);
            _cacheRefs[itemId] = ownRefs;
        }

        foreach (var field in item.Fields.Fields)
        {
            switch (field.Kind)
            {
                case ReferenceFieldKind.Refs when field.Refs is { } current:
                    var keep = new List<string>(current.Count);
                    HashSet<string>? kept = current.Count > 8 ? new(StringComparer.Ordinal) : null;
                    foreach (var reference in current)
                    {
                        if (Follows(itemId, reference))
                        {
                            ownRefs.Add(reference);
                            dependencies = SaturatingAdd(dependencies, EnlistBelow(reference));
                            if (kept is null ? !keep.Contains(reference) : kept.Add(reference))
                            {
                                keep.Add(reference);
                            }
                        }
                    }

                    // The client replaces the list inside its loop: an empty list stays as it was.
                    if (current.Count > 0)
                    {
                        field.Refs = keep;
                    }

                    break;
                case ReferenceFieldKind.Ref when !field.IsOpaque:
                    if (field.Ref is { } value && Follows(itemId, value))
                    {
                        ownRefs.Add(value);
                        dependencies = SaturatingAdd(dependencies, EnlistBelow(value));
                    }
                    else
                    {
                        field.Ref = null;
                    }

                    break;
                case ReferenceFieldKind.ExternalReferences or ReferenceFieldKind.KillChainPhases:
                    field.KeptEntries = Deduplicate(field.Entries!);
                    break;
                default:
                    break;
            }
        }

        item.DependencyCount = dependencies;
        if (!_cacheIndex.ContainsKey(itemId))
        {
            item.Dropped = Compatibility(item);
            _cacheIndex[itemId] = item;
            foreach (var alias in Aliases(item))
            {
                _cacheIndex[alias] = item;
            }
        }

        return dependencies;
    }

    /// <summary>The client sums dependencies over paths, which grows fast in a web of references: the sum saturates.</summary>
    private static int SaturatingAdd(int a, int b) => a > int.MaxValue - b ? int.MaxValue : a + b;

    /// <summary>Walks a followed reference with it added to the parents (it is not among them: <see cref="Follows"/>).</summary>
    private int EnlistBelow(string reference)
    {
        _parents.Add(reference);
        try
        {
            return Enlist(reference);
        }
        finally
        {
            _parents.Remove(reference);
        }
    }

    /// <summary>The client's test for following (and keeping) a reference.</summary>
    private bool Follows(string itemId, string reference)
    {
        var notDependency = !_cacheRefs.TryGetValue(reference, out var referenceRefs) || !referenceRefs.Contains(itemId);
        return SupportedStixTypes.IsIdSupported(reference)
            && !_parents.Contains(reference)
            && !string.Equals(reference, itemId, StringComparison.Ordinal)
            && notDependency;
    }

    private static List<int> Deduplicate(List<(int Start, int End, string? Key)> entries)
    {
        var kept = new List<int>(entries.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Key is { } key && seen.Add(key))
            {
                kept.Add(i);
            }
        }

        return kept;
    }

    private static Stix.Transform.DropReason? Compatibility(CleanupItem item)
    {
        var type = item.Fields.Type;
        if (string.Equals(type, "relationship", StringComparison.Ordinal))
        {
            return Ref(item, "source_ref") is not null && Ref(item, "target_ref") is not null
                ? null
                : Stix.Transform.DropReason.IncompatibleRelationship;
        }

        if (string.Equals(type, "sighting", StringComparison.Ordinal))
        {
            return Ref(item, "sighting_of_ref") is not null && RefsCount(item, "where_sighted_refs") > 0
                ? null
                : Stix.Transform.DropReason.IncompatibleRelationship;
        }

        return SupportedStixTypes.IsIdSupported(item.Id) ? null : Stix.Transform.DropReason.UnsupportedType;
    }

    private static string? Ref(CleanupItem item, string name)
    {
        string? value = null;
        foreach (var field in item.Fields.Fields)
        {
            if (field.Kind == ReferenceFieldKind.Ref && string.Equals(field.Name, name, StringComparison.Ordinal))
            {
                value = field.IsOpaque ? "opaque" : field.Ref;
            }
        }

        return value;
    }

    private static int RefsCount(CleanupItem item, string name)
    {
        var count = 0;
        foreach (var field in item.Fields.Fields)
        {
            if (field.Kind == ReferenceFieldKind.Refs && string.Equals(field.Name, name, StringComparison.Ordinal))
            {
                count = field.Refs?.Count ?? 0;
            }
        }

        return count;
    }

    /// <summary>Compares each field with what was read, marks the item for rewriting, and counts the removals by reason.</summary>
    private static void Count(CleanupItem item, ReasonCounts cut)
    {
        foreach (var field in item.Fields.Fields)
        {
            switch (field.Kind)
            {
                case ReferenceFieldKind.Ref when field.OriginalRef is { } original && field.Ref is null:
                    item.Changed = true;
                    cut.Add(Reason(item.Id, original));
                    break;
                case ReferenceFieldKind.Refs when field.OriginalRefs is { } originals && field.Refs is { } now && !originals.SequenceEqual(now):
                    item.Changed = true;
                    var remaining = new HashSet<string>(now, StringComparer.Ordinal);
                    var counted = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var original in originals)
                    {
                        if (!remaining.Contains(original))
                        {
                            cut.Add(Reason(item.Id, original));
                        }
                        else if (!counted.Add(original))
                        {
                            cut.Add(CleanupReasons.DuplicateReference);
                        }
                    }

                    break;
                case ReferenceFieldKind.ExternalReferences or ReferenceFieldKind.KillChainPhases
                    when field.KeptEntries is { } kept && kept.Count != field.Entries!.Count:
                    item.Changed = true;
                    var keys = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var (_, _, key) in field.Entries)
                    {
                        if (key is null)
                        {
                            cut.Add(CleanupReasons.ExternalReferenceWithoutKey);
                        }
                        else if (!keys.Add(key))
                        {
                            cut.Add(field.Kind == ReferenceFieldKind.KillChainPhases
                                ? CleanupReasons.DuplicateKillChainPhase
                                : CleanupReasons.DuplicateExternalReference);
                        }
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static string Reason(string itemId, string reference) =>
        !SupportedStixTypes.IsIdSupported(reference) ? CleanupReasons.UnsupportedTypeReference
        : string.Equals(reference, itemId, StringComparison.Ordinal) ? CleanupReasons.SelfReference
        : CleanupReasons.ReferenceCycle;

    /// <summary>The object's JSON with every changed field spliced in; the rest byte for byte as it was.</summary>
    public static void Rewrite(ReadOnlySpan<byte> json, CleanupItem item, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(output);
        var position = 0;
        foreach (var field in item.Fields.Fields)
        {
            var replaced = field.Kind switch
            {
                ReferenceFieldKind.Ref => field.OriginalRef is not null && field.Ref is null,
                ReferenceFieldKind.Refs => field.OriginalRefs is { } o && field.Refs is { } n && !o.SequenceEqual(n),
                _ => field.KeptEntries is { } kept && kept.Count != field.Entries!.Count,
            };
            if (!replaced)
            {
                continue;
            }

            output.Write(json[position..field.ValueStart]);
            switch (field.Kind)
            {
                case ReferenceFieldKind.Ref:
                    output.Write("null"u8);
                    break;
                case ReferenceFieldKind.Refs:
                    WriteList(json, output, field.Refs!.Select(reference => field.RefSpans![field.OriginalRefs!.IndexOf(reference)]));
                    break;
                default:
                    WriteList(json, output, field.KeptEntries!.Select(index => (field.Entries![index].Start, field.Entries[index].End)));
                    break;
            }

            position = field.ValueEnd;
        }

        output.Write(json[position..]);
    }

    private static void WriteList(ReadOnlySpan<byte> json, IBufferWriter<byte> output, IEnumerable<(int Start, int End)> spans)
    {
        output.Write("["u8);
        var first = true;
        foreach (var (start, end) in spans)
        {
            if (!first)
            {
                output.Write(","u8);
            }

            first = false;
            output.Write(json[start..end]);
        }

        output.Write("]"u8);
    }
}
