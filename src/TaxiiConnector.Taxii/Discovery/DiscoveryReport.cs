using System.Globalization;
using TaxiiConnector.Taxii.Selection;
using TaxiiConnector.Taxii.Taxii2.Resources;

namespace TaxiiConnector.Taxii.Discovery;

/// <summary>
/// The <c>discover</c> command's output: every API root and collection with id, can_read, can_write, title, and the exact
/// <c>TAXII2_COLLECTIONS</c> entry that selects that collection alone.
/// </summary>
public static class DiscoveryReport
{
    public static async Task WriteAsync(TextWriter writer, TaxiiCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(catalog);
        var discovery = catalog.Discovery;
        var version = discovery.Version == Taxii2.TaxiiVersion.V20 ? "2.0" : "2.1";
        await WriteLineAsync(writer, $"TAXII {version} server {discovery.DiscoveryUrl}{Quoted(discovery.Title)}", cancellationToken).ConfigureAwait(false);
        if (catalog.Roots.Count == 0)
        {
            await WriteLineAsync(writer, "  (discovery lists no API root)", cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var root in catalog.Roots)
        {
            var isDefault = discovery.Default == root.Url ? " [default]" : string.Empty;
            await WriteLineAsync(writer, string.Empty, cancellationToken).ConfigureAwait(false);
            await WriteLineAsync(writer, $"API root {root.Url} (name: {root.Name}){Quoted(root.Title)}{isDefault}", cancellationToken).ConfigureAwait(false);
            if (root.Error is not null)
            {
                await WriteLineAsync(writer, $"  error: {root.Error}", cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (root.Collections.Count == 0)
            {
                await WriteLineAsync(writer, "  (no collections)", cancellationToken).ConfigureAwait(false);
                continue;
            }

            var rows = root.Collections
                .Select(c => new[] { c.Id, c.CanRead ? "true" : "false", c.CanWrite ? "true" : "false", c.Title, SelectingEntry(c, catalog.Roots) })
                .ToList();
            string[] header = ["collection id", "can_read", "can_write", "title", "TAXII2_COLLECTIONS entry"];
            var widths = Enumerable.Range(0, header.Length - 1)
                .Select(i => Math.Max(header[i].Length, rows.Max(r => r[i].Length)))
                .ToArray();
            await WriteLineAsync(writer, Row(header, widths), cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                await WriteLineAsync(writer, Row(row, widths), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The shortest readable entry that selects exactly <paramref name="collection"/>: <c>root.title</c>, else
    /// <c>root.alias</c>, else <c>root.id</c> (titles can repeat, contain commas, or collide across split points).
    /// </summary>
    public static string SelectingEntry(TaxiiCollection collection, IReadOnlyList<ApiRootCollections> roots)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(roots);
        var rootName = collection.ApiRootName;
        foreach (var name in new[] { collection.Title, collection.Alias, collection.Id })
        {
            if (string.IsNullOrWhiteSpace(name) || name.Contains(',', StringComparison.Ordinal) || name != name.Trim())
            {
                continue;
            }

            var entry = rootName + "." + name;
            var matches = CollectionSelector.Match(entry, roots).ToList();
            if (matches.Count == 1 && matches[0].Key == collection.Key)
            {
                return entry;
            }
        }

        return rootName + "." + collection.Id;
    }

    private static string Row(string[] cells, int[] widths) =>
        "  " + string.Join("  ", cells.Select((cell, i) => i < widths.Length ? cell.PadRight(widths[i]) : cell)).TrimEnd();

    private static string Quoted(string? title) => string.IsNullOrWhiteSpace(title) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" \"{title}\"");

    private static Task WriteLineAsync(TextWriter writer, string line, CancellationToken cancellationToken) =>
        writer.WriteLineAsync(line.AsMemory(), cancellationToken);
}
