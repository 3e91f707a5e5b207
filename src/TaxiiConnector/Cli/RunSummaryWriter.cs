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

    private static bool IsBundleFile(string path) =>
        !string.Equals(Path.GetFileName(path), "state.json", StringComparison.OrdinalIgnoreCase);
}
