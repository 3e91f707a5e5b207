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
    /// <summary>How the setting is named in messages: the environment variable and the YAML key.</summary>
    public const string SettingName = "TAXII2_COLLECTIONS (taxii2.collections)";

    private readonly IReadOnlyList<string> _entries;

    private CollectionSelector(IReadOnlyList<string> entries) => _entries = entries;

    /// <summary>The trimmed, non-empty entries.</summary>
    public IReadOnlyList<string> Entries => _entries;

    /// <summary>Parses the setting; empty means <c>*.*</c> (the Python connector's default).</summary>
    public static CollectionSelector Parse(string? setting) =>
        From((setting ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>From entries already split; blank ones are dropped and none means <c>*.*</c>.</summary>
    public static CollectionSelector From(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var distinct = entries.Select(entry => entry.Trim()).Where(entry => entry.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return new CollectionSelector(distinct.Count == 0 ? ["*.*"] : distinct);
    }

    /// <summary>Selects from a loaded catalog, logging each entry that selects nothing (at error level) and each unreadable collection.</summary>
    public IReadOnlyList<TaxiiCollection> Select(IReadOnlyList<ApiRootCollections> roots, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var selection = Resolve(roots, logger);
        foreach (var problem in selection.Problems)
        {
            Log.EntrySelectsNothing(logger, problem);
        }

        return selection.Collections;
    }

    /// <summary>
    /// Selects from a loaded catalog. Each entry that selects no readable collection (it matches none, or only
    /// <c>can_read: false</c> ones) is a problem line naming the setting and the choices; the caller decides how loud.
    /// An unreadable collection a wider entry also matched is skipped with a warning.
    /// </summary>
    public CollectionSelection Resolve(IReadOnlyList<ApiRootCollections> roots, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(logger);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var entry in _entries)
        {
            var matches = Match(entry, roots).ToList();
            if (matches.Count == 0)
            {
                problems.Add($"{SettingName} entry '{entry}' matches no collection. Available (root.title): {Available(roots, readable: null)}");
            }
            else if (matches.TrueForAll(c => !c.CanRead))
            {
                problems.Add($"{SettingName} entry '{entry}' selects only collections that are can_read: false for these credentials "
                    + $"({string.Join(", ", matches.Select(c => c.DisplayName))}). Readable (root.title): {Available(roots, readable: true)}");
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

        return new CollectionSelection(selected, problems);
    }

    private static string Available(IReadOnlyList<ApiRootCollections> roots, bool? readable)
    {
        var names = roots.SelectMany(r => r.Collections.Where(c => readable is null || c.CanRead == readable).Select(c => r.Name + "." + c.Title)).ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
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
        [LoggerMessage(EventId = LogEventIds.EntrySelectsNothing, EventName = nameof(LogEventIds.EntrySelectsNothing), Level = LogLevel.Error, Message = "{Problem}")]
        public static partial void EntrySelectsNothing(ILogger logger, string problem);

        [LoggerMessage(EventId = LogEventIds.NotReadable, EventName = nameof(LogEventIds.NotReadable), Level = LogLevel.Warning,
            Message = "Collection {Collection} ({CollectionId}) is can_read: false for these credentials; skipped")]
        public static partial void NotReadable(ILogger logger, string collection, string collectionId);
    }
}

/// <summary>What a <see cref="CollectionSelector"/> selected, and one line per entry that selected nothing.</summary>
public sealed record CollectionSelection(IReadOnlyList<TaxiiCollection> Collections, IReadOnlyList<string> Problems);
