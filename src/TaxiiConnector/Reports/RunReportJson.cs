using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using TaxiiConnector.Pipeline;

namespace TaxiiConnector.Reports;

/// <summary>
/// The run report as JSON (snake_case, the format the README documents): the run, its totals and error, then each
/// source and collection with cursors, counts, drops by reason, bytes, retries and time per stage.
/// </summary>
internal static partial class RunReportJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var output = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            writer.WriteStartObject();
            WriteTime(writer, "started_at", report.StartedAt);
            WriteTime(writer, "ended_at", report.EndedAt);
            writer.WriteNumber("seconds", report.StartedAt is { } start && report.EndedAt is { } end ? Math.Round((end - start).TotalSeconds, 3) : 0);
            writer.WriteBoolean("succeeded", report.Succeeded);
            writer.WriteBoolean("skipped", report.Skipped);
            writer.WriteBoolean("full_resync", report.FullResync);
            WriteError(writer, FirstError(report));
            writer.WriteStartObject("totals");
            writer.WriteNumber("pages", report.Pages);
            writer.WriteNumber("objects_in", report.ObjectsIn);
            writer.WriteNumber("objects_out", report.ObjectsOut);
            writer.WriteNumber("dropped", report.Dropped);
            writer.WriteNumber("bundles", report.Bundles);
            writer.WriteEndObject();
            writer.WriteStartArray("sources");
            foreach (var source in report.Sources)
            {
                writer.WriteStartObject();
                writer.WriteString("source", source.Source);
                writer.WriteBoolean("succeeded", source.Succeeded);
                WriteError(writer, source.Error);
                writer.WriteStartArray("collections");
                foreach (var collection in source.Collections)
                {
                    WriteCollection(writer, collection);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>The setting a failure message names (<c>ENV_VAR (section.key)</c>, as every failure line does), if any.</summary>
    public static string? SettingToCheck(string message)
    {
        var match = DisplayName().Match(message);
        if (match.Success)
        {
            return match.Value;
        }

        match = EnvironmentVariable().Match(message);
        return match.Success ? match.Value : null;
    }

    /// <summary>The run's error: the first source or collection failure.</summary>
    public static string? FirstError(RunReport report) =>
        report.Sources.Select(s => s.Error).FirstOrDefault(e => e is not null)
        ?? report.Collections.Select(c => c.Error is null ? null : $"{c.Source} {c.Collection}: {c.Error}").FirstOrDefault(e => e is not null);

    private static void WriteCollection(Utf8JsonWriter writer, CollectionReport collection)
    {
        writer.WriteStartObject();
        writer.WriteString("collection", collection.Collection);
        writer.WriteBoolean("succeeded", collection.Succeeded);
        writer.WriteString("work_id", collection.WorkId);
        writer.WriteString("start_cursor", collection.StartCursor);
        writer.WriteString("end_cursor", collection.Cursor);
        writer.WriteNumber("pages", collection.Pages);
        writer.WriteNumber("objects_in", collection.ObjectsIn);
        writer.WriteNumber("objects_out", collection.ObjectsOut);
        writer.WriteStartObject("dropped");
        foreach (var (reason, count) in collection.DroppedByReason.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(reason, count);
        }

        writer.WriteEndObject();

        // Held back for a missing reference is not a drop: the object went once its targets were sent, or at the end.
        writer.WriteStartObject("held_back");
        writer.WriteNumber("objects", collection.Held);
        writer.WriteNumber("sent_at_end", collection.SentAtEnd);
        writer.WriteEndObject();
        writer.WriteNumber("bundles", collection.Bundles);
        writer.WriteNumber("bytes", collection.Bytes);
        writer.WriteNumber("retries", collection.Retries);
        writer.WriteStartObject("seconds");
        writer.WriteNumber("total", Math.Round(collection.Elapsed.TotalSeconds, 3));
        writer.WriteNumber("fetching", Math.Round(collection.FetchTime.TotalSeconds, 3));
        writer.WriteNumber("transforming", Math.Round(collection.TransformTime.TotalSeconds, 3));
        writer.WriteNumber("pushing", Math.Round(collection.PushTime.TotalSeconds, 3));
        writer.WriteEndObject();
        WriteError(writer, collection.Error);
        writer.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter writer, string? error)
    {
        if (error is null)
        {
            writer.WriteNull("error");
            return;
        }

        writer.WriteStartObject("error");
        writer.WriteString("message", error);
        writer.WriteString("check", SettingToCheck(error));
        writer.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    [GeneratedRegex(@"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+ \([a-z0-9_]+\.[a-z0-9_.]+\)")]
    private static partial Regex DisplayName();

    [GeneratedRegex(@"\b(?:TAXII2|TAXII11|TAXII_PUSH|CYBERTHREATEXCHANGE|OPENCTI|CONNECTOR|MQ|STATE)_[A-Z0-9_]+\b")]
    private static partial Regex EnvironmentVariable();
}
