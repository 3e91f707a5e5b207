using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Benchmarks.Workload;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Hosting;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Server.Generated;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// <c>e2e --objects N --page P</c>: the generated collection served by the project's TAXII server (own process, loopback),
/// pulled by the real connector pipeline (<see cref="ConnectorRunner"/>: Taxii2Source over Taxii2Client, the transformer
/// with every option on, the bundle writer, the bounded page channel, the push with acknowledgement, the state commit)
/// into a <see cref="CountingSink"/>; then the raw baseline on the same page bytes. Prints the six keys (and the
/// average serialised object size); exits 1 when not every object reached the sink.
/// </summary>
internal static class EndToEndCommand
{
    public const string Name = "e2e";

    private static readonly string[] Keys =
        ["e2e_objects_per_s", "raw_objects_per_s", "ratio", "peak_working_set_mb", "alloc_bytes_per_object", "avg_object_bytes", "objects"];

    public static async Task<int> RunAsync(EndToEndArguments arguments, CancellationToken cancellationToken)
    {
        return arguments.Repeat > 1
            ? await RunRepeatedAsync(arguments, cancellationToken)
            : await RunOnceAsync(arguments, cancellationToken);
    }

    private static async Task<int> RunOnceAsync(EndToEndArguments arguments, CancellationToken cancellationToken)
    {
        await using var server = BenchmarkProcess.Start(
            [ServeCommand.Name, .. arguments.ForSingleRun().Skip(1)], forwardStandardError: true);
        var objectsUrlText = await server.ReadValueAsync(ServeCommand.ObjectsUrlKey, cancellationToken);
        var discoveryText = await server.ReadValueAsync(ServeCommand.UrlKey, cancellationToken);
        if (objectsUrlText is null || discoveryText is null)
        {
            await Console.Error.WriteLineAsync("The TAXII server process did not start.");
            return 2;
        }

        WarmUp();

        var sink = new CountingSink();
        var output = Directory.CreateTempSubdirectory("taxii-bench-");
        E2eResult e2e;
        try
        {
            e2e = await RunPipelineAsync(arguments, new Uri(discoveryText), output.FullName, sink, cancellationToken);
        }
        finally
        {
            output.Delete(recursive: true);
        }

        if (e2e.Error is not null)
        {
            await Console.Error.WriteLineAsync($"The run failed: {e2e.Error}");
        }

        // After the e2e part, so its bytes never count in the e2e's peak.
        var baseline = await RawParseBaseline.RunAsync(new Uri(objectsUrlText), arguments.Page, arguments.Stages, cancellationToken);

        var e2eRate = sink.SourceObjects / e2e.Seconds;
        var results = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["e2e_objects_per_s"] = e2eRate,
            ["raw_objects_per_s"] = baseline.ObjectsPerSecond,
            ["ratio"] = e2eRate / baseline.ObjectsPerSecond,
            ["peak_working_set_mb"] = e2e.PeakWorkingSetBytes / (1024.0 * 1024.0),
            ["alloc_bytes_per_object"] = (double)e2e.AllocatedBytes / arguments.Objects,
            ["avg_object_bytes"] = baseline.AverageObjectBytes,
            ["objects"] = sink.SourceObjects,
        };
        Print(results);

        var diagnostics = Console.Error;
        await diagnostics.WriteLineAsync(
            Invariant($"detail: e2e_seconds={e2e.Seconds:F2} e2e_cpu_us_per_object={e2e.CpuSeconds * 1e6 / arguments.Objects:F2} raw_cpu_us_per_object={baseline.ParseCpuSeconds * 1e6 / baseline.Objects:F2} peak_sampled_mb={e2e.SampledPeakBytes / 1048576.0:F1} gc0/1/2={e2e.Gen0}/{e2e.Gen1}/{e2e.Gen2} ")
            + Invariant($"sink_bundles={sink.Bundles} sink_objects={sink.BundleObjects} added_objects={sink.AddedObjects} sink_mb={sink.Bytes / 1048576.0:F1} ")
            + Invariant($"raw_pages={baseline.Pages} raw_parse_seconds={baseline.ParseSeconds:F2} raw_page_mb={baseline.PageBytes / 1048576.0:F1} ")
            + Invariant($"alloc_to_object_size={(double)e2e.AllocatedBytes / arguments.Objects / baseline.AverageObjectBytes:F2}"));
        if (baseline.TransformSeconds is { } transform && baseline.BundleSeconds is { } bundle)
        {
            var perObject = 1e6 / baseline.Objects;
            await diagnostics.WriteLineAsync(
                Invariant($"stages_us_per_object: parse={baseline.ParseSeconds * perObject:F2} transform={transform * perObject:F2} bundle={bundle * perObject:F2} ")
                + Invariant($"e2e_wall={e2e.Seconds * 1e6 / arguments.Objects:F2} (transform/parse={transform / baseline.ParseSeconds:F2}, bundle/parse={bundle / baseline.ParseSeconds:F2})"));
        }

        if (sink.SourceObjects != arguments.Objects || baseline.Objects != arguments.Objects)
        {
            await diagnostics.WriteLineAsync(Invariant(
                $"FAILED: {sink.SourceObjects} objects reached the sink and the baseline read {baseline.Objects}; expected {arguments.Objects}."));
            return 1;
        }

        return 0;
    }

    private static async Task<E2eResult> RunPipelineAsync(EndToEndArguments arguments, Uri discoveryUrl, string outputDirectory,
        CountingSink sink, CancellationToken cancellationToken)
    {
        var invocation = new ConnectorInvocation
        {
            Command = "run",
            Once = true,
            DryRun = true,
            OutputDirectory = outputDirectory,
            Environment = new Dictionary<string, string?>(),
            Overrides = Settings(arguments, discoveryUrl),
        };
        var builder = ConnectorHost.CreateBuilder(invocation, Console.Error);
        builder.Services.RemoveAll<IBundleSink>();
        builder.Services.AddSingleton<IBundleSink>(sink);
        using var host = builder.Build();
        var problems = StartupValidation.Collect(host.Services);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Configuration problems: " + string.Join("; ", problems));
        }

        var runner = host.Services.GetRequiredService<ConnectorRunner>();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        await using var sampler = new PeakWorkingSetSampler();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();

        var report = await runner.RunOnceAsync(cancellationToken);

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new E2eResult(seconds, cpuSeconds, allocated, process.PeakWorkingSet64, sampler.PeakBytes,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2,
            report.Succeeded ? null : string.Join("; ", report.Sources.Select(s => s.Error).Concat(
                report.Sources.SelectMany(s => s.Collections).Select(c => c.Error)).Where(e => e is not null)));
    }

    private static Dictionary<string, string?> Settings(EndToEndArguments arguments, Uri discoveryUrl)
    {
        var firstDateAdded = new GeneratedCollectionOptions().FirstDateAdded;
        var history = (int)Math.Ceiling((DateTimeOffset.UtcNow - firstDateAdded).TotalHours) + 48;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["connector:log_level"] = "warn",
            ["taxii2:discovery_url"] = discoveryUrl.AbsoluteUri,
            ["taxii2:collections"] = "*.*",
            ["taxii2:v21"] = "true",
            ["taxii2:initial_history"] = history.ToString(CultureInfo.InvariantCulture),
            ["taxii2:enable_url_query_limit"] = "true",
            ["taxii2:url_query_limit"] = arguments.Page.ToString(CultureInfo.InvariantCulture),
            ["taxii2:max_pages"] = (arguments.Objects / arguments.Page + 10).ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in AllOptionsProfile.ConfigurationKeys)
        {
            settings["taxii2:" + key] = value;
        }

        return settings;
    }

    /// <summary>Compiles the hot path (tiered JIT) on in-memory pages first, so a short run measures steady state, not the JIT.</summary>
    private static void WarmUp()
    {
        var store = GeneratedPages.CreateStore(4000);
        var transformer = new StixTransformer(AllOptionsProfile.Create(), NullLogger<StixTransformer>.Instance, TimeProvider.System);
        var writer = new StixBundleWriter(new StixBundleWriterOptions(), NullLogger<StixBundleWriter>.Instance);
        for (var round = 0; round < 3; round++)
        {
            for (var first = 0; first < store.Count; first += 500)
            {
                using var document = System.Text.Json.JsonDocument.Parse(GeneratedPages.Envelope(store, first, 500));
                var objects = document.RootElement.GetProperty("objects").EnumerateArray().ToList();
                using var transformed = transformer.Transform(objects);
                foreach (var bundle in writer.CreateBundles(transformed))
                {
                    bundle.Dispose();
                }
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static async Task<int> RunRepeatedAsync(EndToEndArguments arguments, CancellationToken cancellationToken)
    {
        var runs = new List<Dictionary<string, double>>(arguments.Repeat);
        var exitCode = 0;
        for (var run = 1; run <= arguments.Repeat; run++)
        {
            await using var child = BenchmarkProcess.Start(arguments.ForSingleRun(), forwardStandardError: true);
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            while (await child.Output.ReadLineAsync(cancellationToken) is { } line)
            {
                await Console.Error.WriteLineAsync($"run {run}: {line}");
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && double.TryParse(line[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values[line[..colon]] = value;
                }
            }

            var code = await child.WaitForExitAsync(cancellationToken);
            if (code != 0)
            {
                exitCode = code;
            }

            runs.Add(values);
        }

        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in Keys)
        {
            var values = runs.Where(r => r.ContainsKey(key)).Select(r => r[key]).Order().ToList();
            medians[key] = values.Count == 0 ? double.NaN
                : key == "objects" ? values[0] // every run must deliver N: the worst one is reported
                : values[values.Count / 2];
        }

        await Console.Error.WriteLineAsync(Invariant($"medians of {arguments.Repeat} runs (objects: the smallest):"));
        Print(medians);
        if (medians["objects"] != arguments.Objects)
        {
            exitCode = exitCode == 0 ? 1 : exitCode;
        }

        return exitCode;
    }

    private static void Print(Dictionary<string, double> results)
    {
        foreach (var key in Keys)
        {
            var value = results[key];
            var text = key switch
            {
                "objects" => ((long)value).ToString(CultureInfo.InvariantCulture),
                "ratio" => value.ToString("F3", CultureInfo.InvariantCulture),
                _ => value.ToString("F1", CultureInfo.InvariantCulture),
            };
            Console.Out.WriteLine($"{key}: {text}");
        }

        Console.Out.Flush();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record E2eResult(double Seconds, double CpuSeconds, long AllocatedBytes, long PeakWorkingSetBytes, long SampledPeakBytes,
        int Gen0, int Gen1, int Gen2, string? Error);
}
