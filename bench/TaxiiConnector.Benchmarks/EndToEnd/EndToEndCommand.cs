using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Benchmarks.Workload;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Dedup;
using TaxiiConnector.Hosting;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Testing.Generated;
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

    /// <summary>Printed with <c>--dedup on</c> only: share of looked-up versions already known, database size after the run.</summary>
    private static readonly string[] DedupKeys = ["dedup_hit_ratio", "dedup_db_mb"];

    public static async Task<int> RunAsync(EndToEndArguments arguments, CancellationToken cancellationToken)
    {
        return arguments.Repeat > 1
            ? await RunRepeatedAsync(arguments, cancellationToken)
            : await RunOnceAsync(arguments, cancellationToken);
    }

    private static async Task<int> RunOnceAsync(EndToEndArguments arguments, CancellationToken cancellationToken)
    {
        var sinkKind = arguments.Sink;
        await using var broker = sinkKind == "amqp" ? await RabbitMqNode.StartAsync(cancellationToken) : null;
        await using var queue = broker is null ? null : await PushQueue.DeclareAsync(broker.Port, StandInPlatform.ConnectorId, cancellationToken);
        var platformBrokerPort = broker?.Port ?? (sinkKind == "api" ? 0 : -1);
        await using var server = await TaxiiServerProcess.StartAsync(arguments, cancellationToken, platformBrokerPort);
        if (server is null)
        {
            await Console.Error.WriteLineAsync("The TAXII server process did not start.");
            return 2;
        }

        // A run over the first pages of the same collection, from the same server, stopped by the page budget: every
        // method on both sides (Kestrel and the generator; HTTP client, resilience, parse, transformer, bundles, channel,
        // sink) reaches its optimised tier, so the measured run is the steady state a long-running connector lives in.
        var warmUpSink = sinkKind == "counting" ? new CountingSink { CrossCheck = true } : null;
        var warmUp = await RunInTempDirectoryAsync(arguments, server, warmUpSink, arguments.WarmUpPages, TextWriter.Null, cancellationToken);
        if (warmUpSink is not null && (warmUpSink.CrossCheckFailures > 0 || warmUpSink.Bundles == 0))
        {
            await Console.Error.WriteLineAsync(Invariant(
                $"FAILED: {warmUpSink.CrossCheckFailures} of {warmUpSink.Bundles} warm-up bundles report an added-object count their bytes do not hold."));
            return 1;
        }

        if (warmUp.ObjectsIn == 0)
        {
            // The page budget ends the warm-up with an error by design; reading nothing at all is the failure.
            await Console.Error.WriteLineAsync($"FAILED: the warm-up run read nothing: {warmUp.Error}");
            return 1;
        }

        // The broker's own limit for this queue, with the connector's own message bodies (taken from the warm-up's).
        double? ceiling = null;
        if (queue is not null && broker is not null)
        {
            var bodies = await queue.TakeBodiesAsync(1000, cancellationToken);
            await queue.PurgeAsync(cancellationToken);
            var ceilingMessages = (int)Math.Min(arguments.Objects, 100_000);
            var brokerCpuBefore = broker.CpuTime;
            ceiling = await queue.MeasureCeilingAsync(broker.Port, bodies, ceilingMessages, arguments.Window > 0 ? arguments.Window : DefaultWindow, cancellationToken);
            await Console.Error.WriteLineAsync(Invariant(
                $"broker_ceiling: {ceilingMessages} messages of {bodies.Average(b => b.Length):F0} B on average, broker_cpu_us_per_message={(broker.CpuTime - brokerCpuBefore).TotalSeconds * 1e6 / ceilingMessages:F2}"));
        }

        // Lets the background JIT finish the last promotions before the clock starts.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var sink = sinkKind == "counting" ? new CountingSink() : null;
        var serverCpuBefore = server.CpuTime;
        var brokerCpuRunBefore = broker?.CpuTime ?? TimeSpan.Zero;
        var e2e = await RunInTempDirectoryAsync(arguments, server, sink, (int)Math.Min(int.MaxValue, (arguments.Objects / arguments.Page) + 10),
            Console.Error, cancellationToken, reread: arguments.Reread);
        if (e2e.Error is not null)
        {
            await Console.Error.WriteLineAsync($"The run failed: {e2e.Error}");
        }

        var serverCpuE2e = server.CpuTime - serverCpuBefore;
        var brokerCpuRun = (broker?.CpuTime ?? TimeSpan.Zero) - brokerCpuRunBefore;
        var messages = queue is null ? 0 : await queue.CountAsync(cancellationToken);

        // After the e2e part, so its bytes never count in the e2e's peak.
        serverCpuBefore = server.CpuTime;
        var baseline = await RawParseBaseline.RunAsync(server.ObjectsUrl, arguments.Page, arguments.Stages, cancellationToken);
        var serverCpuBaseline = server.CpuTime - serverCpuBefore;

        // The counting sink counts what reached it; the other sinks acknowledged every page the run reports as read. A
        // re-read sends (almost) nothing: its rate is of objects read, each screened and left out.
        var objects = arguments.Reread ? (e2e.Error is null ? e2e.ObjectsIn : 0)
            : sink?.SourceObjects ?? (e2e.Error is null ? e2e.ObjectsIn - e2e.Dropped : 0);
        var e2eRate = objects / e2e.Seconds;
        var results = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["e2e_objects_per_s"] = e2eRate,
            ["raw_objects_per_s"] = baseline.ObjectsPerSecond,
            ["ratio"] = e2eRate / baseline.ObjectsPerSecond,
            // A re-read's process peak may be its untimed first read's: the sampled peak is the measured run's.
            ["peak_working_set_mb"] = (arguments.Reread ? e2e.SampledPeakBytes : e2e.PeakWorkingSetBytes) / (1024.0 * 1024.0),
            ["alloc_bytes_per_object"] = (double)e2e.AllocatedBytes / arguments.Objects,
            ["avg_object_bytes"] = baseline.AverageObjectBytes,
            ["objects"] = objects,
            ["cpu_us_per_object"] = e2e.CpuSeconds * 1e6 / arguments.Objects,
        };
        if (e2e.Dedup is { } dedup)
        {
            results["dedup_hit_ratio"] = dedup.HitRatio;
            results["dedup_db_mb"] = dedup.DatabaseBytes / (1024.0 * 1024.0);
        }

        if (ceiling is { } brokerCeiling)
        {
            results["broker_ceiling_messages_per_s"] = brokerCeiling;
            results["messages"] = messages;
            results["e2e_messages_per_s"] = messages / e2e.Seconds;
            results["ratio_to_broker"] = messages / e2e.Seconds / brokerCeiling;
        }

        Print(results);

        var diagnostics = Console.Error;
        await diagnostics.WriteLineAsync(
            Invariant($"detail: sink={sinkKind} e2e_seconds={e2e.Seconds:F2} e2e_cpu_us_per_object={e2e.CpuSeconds * 1e6 / arguments.Objects:F2} raw_cpu_us_per_object={baseline.ParseCpuSeconds * 1e6 / baseline.Objects:F2} peak_sampled_mb={e2e.SampledPeakBytes / 1048576.0:F1} gc0/1/2={e2e.Gen0}/{e2e.Gen1}/{e2e.Gen2} ")
            + Invariant($"report_objects_in={e2e.ObjectsIn} report_objects_out={e2e.ObjectsOut} report_bundles={e2e.Bundles} report_held={e2e.Held} report_sent_at_end={e2e.SentAtEnd} ")
            + (sink is null ? string.Empty : Invariant($"sink_bundles={sink.Bundles} sink_objects={sink.BundleObjects} added_objects={sink.AddedObjects} sink_mb={sink.Bytes / 1048576.0:F1} "))
            + (broker is null ? string.Empty : Invariant($"broker_cpu_us_per_message={brokerCpuRun.TotalSeconds * 1e6 / Math.Max(1, messages):F2} "))
            + Invariant($"server_fetch_objects_per_s={baseline.Objects / baseline.FetchSeconds:F0} ")
            + Invariant($"server_cpu_us_per_object={serverCpuE2e.TotalSeconds * 1e6 / arguments.Objects:F2} server_cpu_us_per_object_fetch={serverCpuBaseline.TotalSeconds * 1e6 / Math.Max(1, baseline.Objects):F2} raw_pages={baseline.Pages} raw_parse_seconds={baseline.ParseSeconds:F2} raw_page_mb={baseline.PageBytes / 1048576.0:F1} ")
            + Invariant($"alloc_to_object_size={(double)e2e.AllocatedBytes / arguments.Objects / baseline.AverageObjectBytes:F2}"));
        if (baseline.TransformSeconds is { } transform && baseline.BundleSeconds is { } bundle)
        {
            var perObject = 1e6 / baseline.Objects;
            await diagnostics.WriteLineAsync(
                Invariant($"stages_us_per_object: parse={baseline.ParseSeconds * perObject:F2} transform={transform * perObject:F2} bundle={bundle * perObject:F2} ")
                + Invariant($"e2e_wall={e2e.Seconds * 1e6 / arguments.Objects:F2} (transform/parse={transform / baseline.ParseSeconds:F2}, bundle/parse={bundle / baseline.ParseSeconds:F2})"));
        }

        if (objects != arguments.Objects || baseline.Objects != arguments.Objects)
        {
            await diagnostics.WriteLineAsync(Invariant(
                $"FAILED: {objects} objects reached the sink and the baseline read {baseline.Objects}; expected {arguments.Objects}."));
            return 1;
        }

        return 0;
    }

    /// <summary>The AMQP sink's default window (<c>mq.publish_window</c>), also the ceiling's unless <c>--window</c> says otherwise.</summary>
    private static int DefaultWindow => new TaxiiConnector.Configuration.Sections.MqOptions().PublishWindow;

    private static async Task<E2eResult> RunInTempDirectoryAsync(EndToEndArguments arguments, TaxiiServerProcess server, CountingSink? sink,
        int maxPages, TextWriter log, CancellationToken cancellationToken, bool reread = false)
    {
        var output = Directory.CreateTempSubdirectory("taxii-bench-");
        try
        {
            if (reread)
            {
                // An untimed first read fills the de-dup database; then everything but the database goes (the cursor
                // too: a state reset, or a server that ignores added_after), and the measured run reads it all again.
                var first = await RunPipelineAsync(arguments, server, output.FullName, sink is null ? null : new CountingSink(), maxPages,
                    TextWriter.Null, cancellationToken);
                if (first.Error is not null)
                {
                    return first;
                }

                foreach (var file in output.EnumerateFiles("*", SearchOption.AllDirectories))
                {
                    if (!file.Name.StartsWith(DedupSettings.DatabaseFileName, StringComparison.Ordinal))
                    {
                        file.Delete();
                    }
                }

                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
            }

            return await RunPipelineAsync(arguments, server, output.FullName, sink, maxPages, log, cancellationToken);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static async Task<E2eResult> RunPipelineAsync(EndToEndArguments arguments, TaxiiServerProcess server, string outputDirectory,
        CountingSink? sink, int maxPages, TextWriter log, CancellationToken cancellationToken)
    {
        var platform = arguments.Sink is "amqp" or "api";
        var overrides = Settings(arguments, server.DiscoveryUrl, maxPages);

        // Each run (the warm-up too) starts with no cursor, no de-dup database and no held objects of another run.
        overrides["connector:data_dir"] = Path.Combine(outputDirectory, "data");
        if (platform)
        {
            overrides["opencti:url"] = server.PlatformUrl!.AbsoluteUri;
            overrides["opencti:token"] = StandInPlatform.Token;
            overrides["connector:id"] = StandInPlatform.ConnectorId;
            overrides["connector:queue_protocol"] = arguments.Sink;
        }

        var invocation = new ConnectorInvocation
        {
            Command = "run",
            Once = true,
            DryRun = !platform,
            OutputDirectory = platform ? null : outputDirectory,
            Environment = new Dictionary<string, string?>(),
            Overrides = overrides,
        };
        var builder = ConnectorHost.CreateBuilder(invocation, log);
        if (sink is not null)
        {
            builder.Services.RemoveAll<IBundleSink>();
            builder.Services.AddSingleton<IBundleSink>(sink);
        }

        if (arguments.Window > 0)
        {
            builder.Services.PostConfigure<TaxiiConnector.OpenCti.OpenCtiClientOptions>(options => options.AmqpMaxInFlight = arguments.Window);
        }

        using var host = builder.Build();
        var problems = StartupValidation.Collect(host.Services);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Configuration problems: " + string.Join("; ", problems));
        }

        var runner = host.Services.GetRequiredService<ConnectorRunner>();
        long hwmBefore;
        using (var before = Process.GetCurrentProcess())
        {
            hwmBefore = before.PeakWorkingSet64;
        }

        var hwmReset = HighWaterMark.Reset();

        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        await using var sampler = new PeakWorkingSetSampler();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();

        var report = await runner.RunOnceAsync(cancellationToken);

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var dedup = host.Services.GetRequiredService<ObjectDeduplicator>();
        var database = new FileInfo(dedup.Settings.DatabasePath);
        var (lookedUp, known) = dedup.Totals;
        DedupResult? dedupResult = arguments.Dedup
            ? new DedupResult(lookedUp == 0 ? 0 : (double)known / lookedUp, database.Exists ? database.Length : 0)
            : null;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        await sampler.DisposeAsync();
        await log.WriteLineAsync(Invariant($"peak: hwm_before_run_mb={hwmBefore / 1048576.0:F1} hwm_reset={hwmReset} ") + sampler.AtPeak + " " + PoolCensus.Describe());
        return new E2eResult(seconds, cpuSeconds, allocated, process.PeakWorkingSet64, sampler.PeakBytes,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2,
            report.Succeeded ? null : string.Join("; ", report.Sources.Select(s => s.Error).Concat(
                report.Sources.SelectMany(s => s.Collections).Select(c => c.Error)).Where(e => e is not null)))
        {
            Dedup = dedupResult,
            ObjectsIn = report.ObjectsIn,
            ObjectsOut = report.ObjectsOut,
            Held = report.Collections.Sum(c => c.Held),
            SentAtEnd = report.Collections.Sum(c => c.SentAtEnd),
            Dropped = report.Dropped,
            Bundles = report.Bundles,
        };
    }

    private static Dictionary<string, string?> Settings(EndToEndArguments arguments, Uri discoveryUrl, int maxPages)
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
            ["taxii2:max_pages"] = maxPages.ToString(CultureInfo.InvariantCulture),
            ["taxii2:dedup"] = arguments.Dedup ? "true" : "false",
        };
        foreach (var (key, value) in AllOptionsProfile.ConfigurationKeys)
        {
            settings["taxii2:" + key] = value;
        }

        return settings;
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
        foreach (var key in Keys.Concat(DedupKeys).Concat(runs.SelectMany(r => r.Keys)).Distinct(StringComparer.Ordinal))
        {
            if (!runs.Any(r => r.ContainsKey(key)))
            {
                continue;
            }

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
        foreach (var (key, value) in results)
        {
            var text = key switch
            {
                "objects" or "messages" => ((long)value).ToString(CultureInfo.InvariantCulture),
                "ratio" or "ratio_to_broker" or "dedup_hit_ratio" => value.ToString("F3", CultureInfo.InvariantCulture),
                "cpu_us_per_object" => value.ToString("F2", CultureInfo.InvariantCulture),
                _ => value.ToString("F1", CultureInfo.InvariantCulture),
            };
            Console.Out.WriteLine($"{key}: {text}");
        }

        Console.Out.Flush();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record E2eResult(double Seconds, double CpuSeconds, long AllocatedBytes, long PeakWorkingSetBytes, long SampledPeakBytes,
        int Gen0, int Gen1, int Gen2, string? Error)
    {
        public DedupResult? Dedup { get; init; }

        public long ObjectsIn { get; init; }

        public long ObjectsOut { get; init; }

        public long Held { get; init; }

        public long SentAtEnd { get; init; }

        public long Dropped { get; init; }

        public int Bundles { get; init; }
    }

    private sealed record DedupResult(double HitRatio, long DatabaseBytes);
}
