using Microsoft.Extensions.Logging;
using TaxiiConnector.Taxii.Taxii2.Resources;

namespace TaxiiConnector.Taxii.Selection;

/// <summary>
/// <c>TAXII2_COLLECTIONS</c>: comma-separated <c>root.collection</c> entries. A root is <c>*</c>, the last path segment of
/// its URL, or its title; a collection is <c>*</c>, its title, id or alias. Names may contain dots: every split point of an
/// entry is tried against the real roots and collections. An entry without a dot names a collection in any root. The
/// result is the union of all entries, each collection once, in catalog order; <c>can_read: false</c> ones are skipped.
/// </summary>
public sealed partial class CollectionSelector
{
    private readonly IReadOnlyList<string> _entries;

    private CollectionSelector(IReadOnlyList<string> entries) => _entries = entries;

    /// <summary>The trimmed, non-empty entries.</summary>
    public IReadOnlyList<string> Entries => _entries;

    /// <summary>Parses the setting; empty means <c>*.*</c> (the Python connector's default).</summary>
    public static CollectionSelector Parse(string? setting)
    {
        var entries = (setting ?? string.Empty)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new CollectionSelector(entries.Count == 0 ? ["*.*"] : entries);
    }

    /// <summary>Selects from a loaded catalog, logging each entry that matches nothing and each unreadable collection.</summary>
    public IReadOnlyList<TaxiiCollection> Select(IReadOnlyList<ApiRootCollections> roots, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(logger);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            var matches = Match(entry, roots).ToList();
            if (matches.Count == 0)
            {
                Log.EntryMatchesNothing(logger, entry, string.Join(", ", roots.SelectMany(r => r.Collections.Select(c => r.Name + "." + c.Title))));
            }

            foreach (var collection in matches)
            {
                chosen.Add(collection.Key);
            }
        }

        var selected = new List<TaxiiCollection>();
        foreach (var collection in roots.SelectMany(r => r.Collections).Where(c => chosen.Contains(c.Key)))
        {
            if (!collection.CanRead)
            {
                Log.NotReadable(logger, collection.DisplayName, collection.Id);
                continue;
            }

            if (selected.TrueForAll(s => s.Key != collection.Key))
            {
                selected.Add(collection);
            }
        }

        return selected;
    }

    /// <summary>Every collection one entry names, over every split point of the entry.</summary>
    internal static IEnumerable<TaxiiCollection> Match(string entry, IReadOnlyList<ApiRootCollections> roots)
    {
        var found = new List<TaxiiCollection>();
        if (!entry.Contains('.', StringComparison.Ordinal))
        {
            found.AddRange(roots.SelectMany(r => r.Collections).Where(c => CollectionMatches(entry, c)));
            return found;
        }

        for (var dot = entry.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = entry.IndexOf('.', dot + 1))
        {
            var rootPart = entry[..dot];
            var collectionPart = entry[(dot + 1)..];
            foreach (var root in roots.Where(r => RootMatches(rootPart, r)))
            {
                found.AddRange(root.Collections.Where(c => CollectionMatches(collectionPart, c) && !found.Contains(c)));
            }
        }

        return found;
    }

    private static bool RootMatches(string part, ApiRootCollections root) =>
        part == "*" || string.Equals(part, root.Name, StringComparison.Ordinal) || string.Equals(part, root.Title, StringComparison.Ordinal);

    private static bool CollectionMatches(string part, TaxiiCollection collection) =>
        part == "*"
        || string.Equals(part, collection.Title, StringComparison.Ordinal)
        || string.Equals(part, collection.Id, StringComparison.Ordinal)
        || string.Equals(part, collection.Alias, StringComparison.Ordinal);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1401, EventName = "EntryMatchesNothing", Level = LogLevel.Warning,
            Message = "TAXII2_COLLECTIONS entry '{Entry}' matches no collection. Available (root.title): {Available}")]
        public static partial void EntryMatchesNothing(ILogger logger, string entry, string available);

        [LoggerMessage(EventId = 1402, EventName = "NotReadable", Level = LogLevel.Warning,
            Message = "Collection {Collection} ({CollectionId}) is can_read: false for these credentials; skipped")]
        public static partial void NotReadable(ILogger logger, string collection, string collectionId);
    }
}
