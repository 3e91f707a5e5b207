using TaxiiConnector.Benchmarks.Workload;
using System.Globalization;
using TaxiiConnector.Server.Hosting;
using TaxiiConnector.Server.Storage;
using TaxiiConnector.Testing.Prerendered;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// <c>serve --objects N --page P [--seed S] [--no-prerender]</c> (internal): the project's TAXII 2.1 server with the generated collection on a
/// free loopback port, in its own process so the measured process holds only the connector. Prints
/// <c>discovery_url: …</c> and serves until its stdin closes.
/// </summary>
internal static class ServeCommand
{
    public const string Name = "serve";
    public const string UrlKey = "discovery_url:";
    public const string ObjectsUrlKey = "objects_url:";
    public const string PlatformUrlKey = "platform_url:";

    // Rendered before the server reports ready, so that serving costs little CPU beside the measured connector on the
    // same cores; about 1.3 GB at N = 1M, in this child process only. Past the budget the objects are generated per request.
    private const long PrerenderBudgetBytes = 4L * 1024 * 1024 * 1024;

    public static async Task<int> RunAsync(EndToEndArguments arguments)
    {
        var store = GeneratedPages.CreateStore(arguments.Objects, arguments.Seed);
        var budget = arguments.NoPrerender ? 0 : PrerenderBudgetBytes;
        var prerendered = PrerenderedTaxiiObjectStore.Create(store, budget, Environment.ProcessorCount);
        await Console.Error.WriteLineAsync(prerendered.Prerendered
            ? Invariant($"serve: pre-rendered {prerendered.Objects} objects, {prerendered.RenderedBytes / 1048576.0:F0} MB, in {prerendered.Elapsed.TotalSeconds:F2} s")
            : Invariant($"serve: NOT pre-rendered (estimated {prerendered.EstimatedBytes / 1048576.0:F0} MB > budget {budget / 1048576} MB): objects are generated per request, so the server costs several µs of CPU per object"));

        // Collects what rendering left behind now, while nothing is measured, so that no such collection lands in the run.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions
        {
            Store = prerendered.Store,
            DefaultPageSize = Math.Min(arguments.Page, 1000),
            MaxPageSize = Math.Max(arguments.Page, 1000),
        });
        Microsoft.AspNetCore.Builder.WebApplication? platform = null;
        if (arguments.PlatformBrokerPort >= 0)
        {
            (platform, var platformUrl) = await StandInPlatform.StartAsync(arguments.PlatformBrokerPort);
            await Console.Out.WriteLineAsync($"{PlatformUrlKey} {platformUrl.AbsoluteUri}");
        }

        await Console.Out.WriteLineAsync($"{ObjectsUrlKey} {server.GetObjectsUrl(store.Collection.Id).AbsoluteUri}");
        await Console.Out.WriteLineAsync($"{UrlKey} {server.DiscoveryUrl.AbsoluteUri}");
        await Console.Out.FlushAsync();

        // The parent closes stdin (or dies): either way the read ends and the server stops.
        await Console.In.ReadToEndAsync();
        if (platform is not null)
        {
            await platform.DisposeAsync();
        }

        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
