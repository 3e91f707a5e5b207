using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Benchmarks.Workload;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// The raw baseline: the same pages, fetched from the same server once each (only the page in hand is held), then timed
/// from memory with nothing but System.Text.Json: <c>JsonDocument.Parse</c> of the page bytes and a walk over its
/// objects, as the client does. Only the parse is timed, never the fetch. With <c>--stages</c> the same bytes also go
/// through the transformer (all options) and the bundle writer on this one thread, each stage timed on its own.
/// </summary>
internal static class RawParseBaseline
{
    private const string Accept = "application/taxii+json;version=2.1";

    public static async Task<BaselineResult> RunAsync(Uri objectsUrl, int pageSize, bool stages, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var transformer = stages ? new StixTransformer(AllOptionsProfile.Create(), NullLogger<StixTransformer>.Instance, TimeProvider.System) : null;
        var writer = stages ? new StixBundleWriter(new StixBundleWriterOptions { MaxBundleBytes = (int)new TaxiiConnector.Configuration.Sections.ConnectorOptions().MaxBundleBytes }, NullLogger<StixBundleWriter>.Instance) : null;

        long objects = 0;
        long objectBytes = 0;
        long pageBytes = 0;
        long parseTicks = 0;
        long fetchTicks = 0;
        var parseCpu = TimeSpan.Zero;
        long transformTicks = 0;
        long bundleTicks = 0;
        long cleanupTicks = 0;
        long holdingTicks = 0;
        var spoolDirectory = stages ? Directory.CreateTempSubdirectory("taxii-bench-spool-") : null;
        var holding = spoolDirectory is null ? null : new TaxiiConnector.Pipeline.Holding.ReferenceHolding(
            new TaxiiConnector.Pipeline.Holding.HeldObjectSpool(spoolDirectory.FullName), 64L * 1024 * 1024);
        // A first read's de-duplication on this thread: every version screened (all new) and recorded after its page.
        using var dedup = spoolDirectory is null ? null : new TaxiiConnector.Dedup.ObjectDeduplicator(
            new TaxiiConnector.Dedup.DedupSettings { DatabasePath = Path.Combine(spoolDirectory.FullName, "dedup.sqlite") },
            TimeProvider.System, NullLogger<TaxiiConnector.Dedup.ObjectDeduplicator>.Instance);
        var dedupCollection = dedup?.ForCollection("taxii2", "bench", "bench");
        long screenTicks = 0;
        long recordTicks = 0;
        var objectsOfPage = new List<JsonElement>(pageSize);
        string? next = null;
        var pages = 0;
        var buffer = new PageBuffer(new byte[4 * 1024 * 1024], 0);
        do
        {
            var url = new Uri(objectsUrl, "?limit=" + pageSize.ToString(CultureInfo.InvariantCulture)
                + (next is null ? string.Empty : "&next=" + Uri.EscapeDataString(next)));
            var fetchStarted = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept", Accept);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            buffer = await ReadBodyAsync(response, buffer, cancellationToken);
            var bytes = buffer.Memory;
            fetchTicks += Stopwatch.GetTimestamp() - fetchStarted;
            pageBytes += bytes.Length;
            pages++;
            if (pages == 1)
            {
                WarmUp(bytes);
            }

            // Timed: parse and walk, nothing else.
            var cpuStarted = Environment.CpuUsage.TotalTime;
            var started = Stopwatch.GetTimestamp();
            using var document = JsonDocument.Parse(bytes);
            objectsOfPage.Clear();
            var root = document.RootElement;
            if (root.TryGetProperty("objects", out var array))
            {
                foreach (var item in array.EnumerateArray())
                {
                    objectsOfPage.Add(item);
                }
            }

            parseTicks += Stopwatch.GetTimestamp() - started;
            parseCpu += Environment.CpuUsage.TotalTime - cpuStarted;

            objects += objectsOfPage.Count;
            foreach (var item in objectsOfPage)
            {
                objectBytes += JsonMarshal.GetRawUtf8Value(item).Length;
            }

            next = root.TryGetProperty("more", out var more) && more.ValueKind == JsonValueKind.True
                && root.TryGetProperty("next", out var nextElement) ? nextElement.GetString() : null;

            if (transformer is not null && writer is not null)
            {
                started = Stopwatch.GetTimestamp();
                using var transformed = transformer.Transform(objectsOfPage);
                var transformedAt = Stopwatch.GetTimestamp();
                foreach (var bundle in writer.CreateBundles(transformed))
                {
                    bundle.Dispose();
                }

                transformTicks += transformedAt - started;
                var bundledAt = Stopwatch.GetTimestamp();
                bundleTicks += bundledAt - transformedAt;
                var unit = TaxiiConnector.Pipeline.Cleanup.PlatformUnitAssembler.Assemble([transformed], null);
                unit.Rebuilt?.Dispose();
                var cleanedAt = Stopwatch.GetTimestamp();
                cleanupTicks += cleanedAt - bundledAt;
                unit = TaxiiConnector.Pipeline.Cleanup.PlatformUnitAssembler.Assemble([transformed], holding);
                unit.Rebuilt?.Dispose();
                var heldAt = Stopwatch.GetTimestamp();
                holdingTicks += heldAt - cleanedAt;
                if (dedupCollection is not null)
                {
                    var screening = dedupCollection.Screen([transformed], objectsOfPage);
                    var screenedAt = Stopwatch.GetTimestamp();
                    screenTicks += screenedAt - heldAt;
                    screening.Seal([transformed], [transformed], madeBundles: true);
                    screening.Record();
                    recordTicks += Stopwatch.GetTimestamp() - screenedAt;
                }
            }
        }
        while (next is not null);

        if (stages)
        {
            var flushStarted = Stopwatch.GetTimestamp();
            if (dedupCollection is not null)
            {
                await dedupCollection.FlushAsync();
            }

            recordTicks += Stopwatch.GetTimestamp() - flushStarted;
            dedup?.Dispose();
            await Console.Error.WriteLineAsync(System.FormattableString.Invariant(
                $"stage_cleanup_us_per_object: cleanup={Seconds(cleanupTicks) * 1e6 / objects:F2} cleanup_with_holding={Seconds(holdingTicks) * 1e6 / objects:F2}"));
            await Console.Error.WriteLineAsync(System.FormattableString.Invariant(
                $"stage_dedup_us_per_object (first read): screen={Seconds(screenTicks) * 1e6 / objects:F2} record={Seconds(recordTicks) * 1e6 / objects:F2}"));
            spoolDirectory!.Delete(recursive: true);
        }

        return new BaselineResult(objects, pages, objectBytes, pageBytes,
            Seconds(fetchTicks), Seconds(parseTicks), parseCpu.TotalSeconds, stages ? Seconds(transformTicks) : null, stages ? Seconds(bundleTicks) : null);
    }

    /// <summary>
    /// The body into one buffer reused from page to page (grown when a page is larger): a fresh large array per page would
    /// cost this client garbage collections and make the fetch rate the client's rather than the server's.
    /// </summary>
    private static async Task<PageBuffer> ReadBodyAsync(HttpResponseMessage response, PageBuffer buffer, CancellationToken cancellationToken)
    {
        var array = buffer.Array;
        if (response.Content.Headers.ContentLength is { } length && length > array.Length)
        {
            array = new byte[length];
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var read = 0;
        while (true)
        {
            if (read == array.Length)
            {
                Array.Resize(ref array, array.Length * 2);
            }

            var count = await body.ReadAsync(array.AsMemory(read), cancellationToken);
            if (count == 0)
            {
                return new PageBuffer(array, read);
            }

            read += count;
        }
    }

    /// <summary>The same parse, untimed, enough times for the tiered JIT to optimise it (the e2e side had its warm-up run).</summary>
    private static void WarmUp(ReadOnlyMemory<byte> page)
    {
        for (var i = 0; i < 60; i++)
        {
            using var document = JsonDocument.Parse(page);
            foreach (var item in document.RootElement.GetProperty("objects").EnumerateArray())
            {
                _ = item.ValueKind;
            }
        }

        Thread.Sleep(200);
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}

internal readonly record struct PageBuffer(byte[] Array, int Length)
{
    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);
}

internal sealed record BaselineResult(long Objects, int Pages, long ObjectBytes, long PageBytes, double FetchSeconds, double ParseSeconds, double ParseCpuSeconds,
    double? TransformSeconds, double? BundleSeconds)
{
    public double ObjectsPerSecond => Objects / ParseSeconds;

    public double AverageObjectBytes => (double)ObjectBytes / Objects;
}
