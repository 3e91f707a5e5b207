using TaxiiConnector.Benchmarks.Workload;
using TaxiiConnector.Server.Hosting;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// <c>serve --objects N --page P [--seed S]</c> (internal): the project's TAXII 2.1 server with the generated collection on a
/// free loopback port, in its own process so the measured process holds only the connector. Prints
/// <c>discovery_url: …</c> and serves until its stdin closes.
/// </summary>
internal static class ServeCommand
{
    public const string Name = "serve";
    public const string UrlKey = "discovery_url:";
    public const string ObjectsUrlKey = "objects_url:";

    public static async Task<int> RunAsync(EndToEndArguments arguments)
    {
        var store = GeneratedPages.CreateStore(arguments.Objects, arguments.Seed);
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions
        {
            Store = store,
            DefaultPageSize = Math.Min(arguments.Page, 1000),
            MaxPageSize = Math.Max(arguments.Page, 1000),
        });
        var objectsUrl = server.GetObjectsUrl(store.Collection.Id);
        var discoveryUrl = server.DiscoveryUrl;
        await using var front = arguments.Prerendered
            ? await PrerenderedUpstream.StartAsync(store, arguments.Page, discoveryUrl, objectsUrl)
            : null;
        if (front is not null)
        {
            (objectsUrl, discoveryUrl) = (front.Rebase(objectsUrl), front.Rebase(discoveryUrl));
        }

        await Console.Out.WriteLineAsync($"{ObjectsUrlKey} {objectsUrl.AbsoluteUri}");
        await Console.Out.WriteLineAsync($"{UrlKey} {discoveryUrl.AbsoluteUri}");
        await Console.Out.FlushAsync();

        // The parent closes stdin (or dies): either way the read ends and the server stops.
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
