using System.Globalization;
using TaxiiConnector.Pipeline;

namespace TaxiiConnector.Cli;

/// <summary>The human summary of one run, as the demo prints it.</summary>
internal static class RunSummaryWriter
{
    public static async Task WriteAsync(TextWriter writer, RunReport report, Uri server, string outputDirectory, CancellationToken cancellationToken)
    {
        var collections = report.Collections.ToList();
        var files = Directory.Exists(outputDirectory) ? Directory.EnumerateFiles(outputDirectory, "*.json").Count(IsBundleFile) : 0;
        string[] lines =
        [
            "TaxiiConnector demo",
            $"  TAXII server    {server} (the bundled sample collection, on loopback)",
            $"  collections     {collections.Count}{(collections.Count == 0 ? string.Empty : " (" + string.Join(", ", collections.Select(c => c.Collection)) + ")")}",
            $"  pages           {report.Pages}",
            $"  objects in      {report.ObjectsIn}",
            $"  objects out     {report.ObjectsOut}",
            $"  dropped         {report.Dropped}",
            $"  bundles         {report.Bundles}",
            $"  output          {outputDirectory} ({files} bundle files in total)",
        ];
        foreach (var line in lines)
        {
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        }

        foreach (var line in Details(collections))
        {
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        }

        foreach (var failed in collections.Where(c => !c.Succeeded))
        {
            await writer.WriteLineAsync($"  FAILED          {failed.Collection}: {failed.Error}".AsMemory(), cancellationToken);
        }

        foreach (var source in report.Sources.Where(s => s.Error is not null))
        {
            await writer.WriteLineAsync($"  FAILED          source {source.Source}: {source.Error}".AsMemory(), cancellationToken);
        }

        var verdict = report.ObjectsIn == 0
            ? "0 new objects: everything was imported by an earlier run (state honoured)."
            : string.Create(CultureInfo.InvariantCulture, $"{report.ObjectsIn} new objects read, {report.ObjectsOut} written to {report.Bundles} bundles.");
        await writer.WriteLineAsync(verdict.AsMemory(), cancellationToken);
    }

    /// <summary>Drops and removed references by reason, and held objects: nothing the run changed goes unsaid.</summary>
    private static IEnumerable<string> Details(List<CollectionReport> collections)
    {
        foreach (var (reason, count) in Sum(collections.Select(c => c.DropReasons)))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"    dropped       {count} {reason}");
        }

        foreach (var (reason, count) in Sum(collections.Select(c => c.ReferencesCut)))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  refs removed    {count} {reason}");
        }

        var held = collections.Sum(c => c.Held);
        if (held > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  held back       {held} (sent after their targets; {collections.Sum(c => c.SentAtEnd)} at the collection's end)");
        }
    }

    private static IEnumerable<KeyValuePair<string, long>> Sum(IEnumerable<IReadOnlyDictionary<string, long>> counts) =>
        counts.SelectMany(c => c)
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new KeyValuePair<string, long>(group.Key, group.Sum(pair => pair.Value)));

    private static bool IsBundleFile(string path) =>
        !string.Equals(Path.GetFileName(path), "state.json", StringComparison.OrdinalIgnoreCase);
}
