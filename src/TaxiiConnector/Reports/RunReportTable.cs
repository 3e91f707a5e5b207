using System.Globalization;
using TaxiiConnector.Pipeline;

namespace TaxiiConnector.Reports;

/// <summary>The run report as a short table for a person at a terminal (<c>run --once</c>): one line per collection.</summary>
internal static class RunReportTable
{
    public static async Task WriteAsync(TextWriter writer, RunReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<string[]>
        {
            new[] { "source", "collection", "pages", "in", "out", "dropped", "held", "bundles", "seconds", "status" },
        };
        foreach (var collection in report.Collections)
        {
            rows.Add(
            [
                collection.Source,
                collection.Collection,
                Number(collection.Pages),
                Number(collection.ObjectsIn),
                Number(collection.ObjectsOut),
                Drops(collection),
                Number(collection.Held),
                Number(collection.Bundles),
                collection.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                collection.Succeeded ? "ok" : "FAILED",
            ]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        await writer.WriteLineAsync(string.Empty.AsMemory(), cancellationToken);
        foreach (var row in rows)
        {
            var line = string.Join("  ", row.Select((cell, column) => column is >= 2 and <= 8 ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column])));
            await writer.WriteLineAsync(line.TrimEnd().AsMemory(), cancellationToken);
        }

        if (RunReportJson.FirstError(report) is { } error)
        {
            // Failure messages name the setting to check themselves (the JSON report also gives it apart, as "check").
            await writer.WriteLineAsync(("error: " + error).AsMemory(), cancellationToken);
        }

        if (report.Skipped)
        {
            await writer.WriteLineAsync("run skipped: the OpenCTI queue is over connector.queue_threshold".AsMemory(), cancellationToken);
        }
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The total, with its reasons: <c>12 (duplicate 10, invalid 2)</c>.</summary>
    private static string Drops(CollectionReport collection)
    {
        if (collection.Dropped == 0)
        {
            return "0";
        }

        var reasons = string.Join(", ", collection.DroppedByReason.Where(pair => pair.Value > 0).OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key + " " + Number(pair.Value)));
        return Number(collection.Dropped) + (reasons.Length == 0 ? string.Empty : " (" + reasons + ")");
    }
}
