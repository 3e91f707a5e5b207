using System.Buffers;
using TaxiiConnector.Pipeline.Holding;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Pipeline.Cleanup;

/// <summary>What a page became after holding and clean-up: the parts to bundle and what to report.</summary>
internal sealed class PlatformUnit
{
    public PlatformUnit(IReadOnlyList<TransformedPage> parts, TransformedPage? rebuilt, ReasonCounts referencesCut, int held,
        IReadOnlyList<HeldObject> released)
    {
        Parts = parts;
        Rebuilt = rebuilt;
        ReferencesCut = referencesCut;
        Held = held;
        Released = released;
    }

    /// <summary>What the bundle writer gets.</summary>
    public IReadOnlyList<TransformedPage> Parts { get; }

    /// <summary>The page built here (dispose it with the transformer's parts), or null when those go as they are.</summary>
    public TransformedPage? Rebuilt { get; }

    public ReasonCounts ReferencesCut { get; }

    /// <summary>Objects of the page held back.</summary>
    public int Held { get; }

    /// <summary>Held objects of earlier pages that go out with this one (first).</summary>
    public IReadOnlyList<HeldObject> Released { get; }
}

/// <summary>
/// Between the transformer and the bundle writer: holds back objects whose targets were not sent yet (when the run
/// holds), puts released objects in front, then applies the platform's splitter clean-up to the unit. When nothing
/// changes (the common case) the transformer's parts go to the writer untouched; otherwise one new page is built with
/// every object copied, rewritten where the clean-up edited it.
/// </summary>
internal static class PlatformUnitAssembler
{
    public static PlatformUnit Assemble(IReadOnlyList<TransformedPage> parts, ReferenceHolding? holding)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var scan = UnitScan.Rent();
        try
        {
            scan.Scan(parts, holding is not null);
            var decision = HoldDecision.None;
            if (holding is not null)
            {
                var decided = holding.Decide(scan, scan.Available);
                if (!ReferenceEquals(decided, HoldDecision.None))
                {
                    var held = new bool[scan.EntryCount];
                    for (var c = 0; c < scan.Count; c++)
                    {
                        held[scan.EntryOf(c)] = decided.Held[c];
                    }

                    decision = new HoldDecision(held, decided.Released);
                }
            }

            // The common case: nothing held or released, and nothing the platform's splitter would edit. The exact
            // clean-up below would change nothing, so the transformer's parts go as they are.
            if (ReferenceEquals(decision, HoldDecision.None) && scan.NothingToClean())
            {
                return new PlatformUnit(parts, null, new ReasonCounts(), 0, []);
            }

            return Clean(parts, holding, decision);
        }
        finally
        {
            UnitScan.Return(scan);
        }
    }

    /// <summary>
    /// The exact clean-up of a unit (the splitter's walk over every object's fields), after the holding decided it:
    /// held objects leave the page, released ones go first.
    /// </summary>
    private static PlatformUnit Clean(IReadOnlyList<TransformedPage> parts, ReferenceHolding? holding, HoldDecision decision)
    {
        var entries = new List<(TransformedPage Part, int Index, string Id, StixObjectFields? Fields)>(parts.Sum(p => p.Count));
        var ids = new IdStringPool(entries.Capacity * 2);
        foreach (var part in parts)
        {
            for (var i = 0; i < part.Count; i++)
            {
                if (!part.IsExcluded(i))
                {
                    entries.Add((part, i, ids.Intern(part.GetObjectId(i)), StixObjectFields.Read(part.GetObjectJson(i), ids)));
                }
            }
        }

        // The unit in the collection's order: released objects (held on earlier pages) first, then the page.
        var items = new List<CleanupItem>(entries.Count + decision.Released.Count);
        var releasedJson = new List<byte[]>(decision.Released.Count);
        foreach (var released in decision.Released)
        {
            var json = holding!.JsonOf(released);
            releasedJson.Add(json);
            items.Add(new CleanupItem(ids.Intern(released.Id), StixObjectFields.Read(json, ids) ?? throw new InvalidDataException("A held object is not a JSON object.")));
        }

        var pageItems = new CleanupItem?[entries.Count];
        for (var e = 0; e < entries.Count; e++)
        {
            if (entries[e].Fields is { } fields && !(decision.Held.Length > 0 && decision.Held[e]))
            {
                pageItems[e] = new CleanupItem(entries[e].Id, fields);
                items.Add(pageItems[e]!);
            }
        }

        var cut = new ReasonCounts();
        PlatformSplitterCleanup.Apply(items, cut);
        var heldCount = decision.HeldCount;
        if (decision.Released.Count == 0 && heldCount == 0 && items.TrueForAll(i => i.Dropped is null && !i.Changed))
        {
            return new PlatformUnit(parts, null, cut, 0, []);
        }

        var builder = new TransformedPageBuilder(parts.Sum(p => p.Count == 0 ? 0 : EstimateBytes(p)) + releasedJson.Sum(j => j.Length), items.Count);
        try
        {
            var scratch = new ArrayBufferWriter<byte>(1024);
            for (var r = 0; r < decision.Released.Count; r++)
            {
                var released = decision.Released[r];
                var item = items[r];
                if (item.Dropped is { } reason)
                {
                    builder.AddDropped(new DroppedObject(0, released.Id, reason, Detail(reason)));
                    continue;
                }

                builder.Add(Rewritten(releasedJson[r], item, scratch), released.Type, released.Id, 0);
            }

            for (var e = 0; e < entries.Count; e++)
            {
                var (part, index, id, _) = entries[e];
                if (pageItems[e] is not { } item)
                {
                    continue;
                }

                if (item.Dropped is { } reason)
                {
                    builder.AddDropped(new DroppedObject(part.GetSourceIndex(index), id, reason, Detail(reason)));
                }
                else if (item.Changed)
                {
                    builder.Add(Rewritten(part.GetObjectJson(index), item, scratch), part, index);
                }
                else
                {
                    builder.Add(part, index);
                }
            }

            foreach (var part in parts)
            {
                foreach (var dropped in part.Dropped)
                {
                    builder.AddDropped(dropped);
                }
            }

            var rebuilt = builder.Build(parts.Sum(p => p.ObjectsIn), parts[0].SharedObjects);
            return new PlatformUnit([rebuilt], rebuilt, cut, heldCount, decision.Released);
        }
        catch
        {
            builder.Dispose();
            throw;
        }
    }

    /// <summary>A unit of held objects only (the collection's end): cleaned up like any other, then built as one page.</summary>
    public static PlatformUnit AssembleReleased(IReadOnlyList<HeldObject> released, ReferenceHolding holding, IReadOnlyList<SharedStixObject> shared)
    {
        ArgumentNullException.ThrowIfNull(released);
        ArgumentNullException.ThrowIfNull(holding);
        var json = released.Select(holding.JsonOf).ToList();
        var items = new List<CleanupItem>(released.Count);
        for (var r = 0; r < released.Count; r++)
        {
            items.Add(new CleanupItem(released[r].Id, StixObjectFields.Read(json[r]) ?? throw new InvalidDataException("A held object is not a JSON object.")));
        }

        var cut = new ReasonCounts();
        PlatformSplitterCleanup.Apply(items, cut);
        var builder = new TransformedPageBuilder(json.Sum(j => j.Length), released.Count);
        try
        {
            var scratch = new ArrayBufferWriter<byte>(1024);
            for (var r = 0; r < released.Count; r++)
            {
                if (items[r].Dropped is { } reason)
                {
                    builder.AddDropped(new DroppedObject(0, released[r].Id, reason, Detail(reason)));
                    continue;
                }

                builder.Add(Rewritten(json[r], items[r], scratch), released[r].Type, released[r].Id, 0);
            }

            var rebuilt = builder.Build(0, shared);
            return new PlatformUnit([rebuilt], rebuilt, cut, 0, released);
        }
        catch
        {
            builder.Dispose();
            throw;
        }
    }

    private static ReadOnlySpan<byte> Rewritten(ReadOnlySpan<byte> json, CleanupItem item, ArrayBufferWriter<byte> scratch)
    {
        if (!item.Changed)
        {
            return json;
        }

        scratch.ResetWrittenCount();
        PlatformSplitterCleanup.Rewrite(json, item, scratch);
        return scratch.WrittenSpan;
    }

    private static int EstimateBytes(TransformedPage part)
    {
        var total = 0;
        for (var i = 0; i < part.Count; i++)
        {
            total += part.GetObjectJson(i).Length;
        }

        return total;
    }

    private static string Detail(DropReason reason) => reason == DropReason.UnsupportedType
        ? "a type the OpenCTI platform does not import"
        : "a relationship or sighting without its ends once references to unsupported types and cycles were removed";
}
