using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.Configuration;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Server.Hosting;
using TaxiiConnector.Server.SampleData;
using TaxiiConnector.Sources.Taxii2;

namespace TaxiiConnector.Cli;

/// <summary>
/// <c>demo</c>: the whole flow with nothing to install. Starts the project's own TAXII 2.1 server with the bundled sample
/// collection on a free loopback port, runs the real connector once against it with the transformer options on, writes
/// the bundles to <c>./demo-output</c> (or <c>--output DIR</c>) with the state file beside them, and prints a summary.
/// A second demo finds the state and imports nothing new.
/// </summary>
public sealed class DemoCommand : IConnectorCommand
{
    public const string CommandName = "demo";

    /// <summary>The origin in the demo's state keys (<c>taxii2|taxii-connector-demo/api1/|{collection id}</c>).</summary>
    public const string StateKeyOrigin = "taxii-connector-demo";

    public string Name => CommandName;

    public string Summary => "Run once against the built-in TAXII 2.1 server with sample data, into ./demo-output (--output DIR).";

    public async Task<int> ExecuteAsync(ConnectorInvocation invocation, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(output);
        if (await CommandHost.RejectArgumentsAsync(invocation, output, cancellationToken))
        {
            return 2;
        }

        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = DemoDataSet.Load() }, cancellationToken);
        var demo = invocation with
        {
            OutputDirectory = invocation.OutputDirectory ?? OpenCtiSettings.DemoOutputDirectory,
            Overrides = DemoSettings(invocation.Overrides, server.DiscoveryUrl, TimeProvider.System.GetUtcNow()),
        };

        // The server's port is new each time: state keys use a stable origin so the next demo resumes.
        using var host = await CommandHost.BuildValidatedAsync(
            demo,
            output,
            builder => builder.Services.PostConfigure<Taxii2SourceOptions>(options => options.StateKeyOrigin = StateKeyOrigin),
            cancellationToken);
        if (host is null)
        {
            return 1;
        }

        var report = await host.Services.GetRequiredService<ConnectorRunner>().RunOnceAsync(cancellationToken);
        await RunSummaryWriter.WriteAsync(output.Out, report, server.DiscoveryUrl, Path.GetFullPath(demo.OutputDirectory!), cancellationToken);
        return report.Succeeded ? 0 : 1;
    }

    /// <summary>
    /// The demo's source and transformer settings, on top of the user's own overrides: every transformer option a
    /// first-time user would want to see at work.
    /// </summary>
    internal static Dictionary<string, string?> DemoSettings(IReadOnlyDictionary<string, string?> overrides, Uri discoveryUrl, DateTimeOffset now)
    {
        // Look back far enough to see the whole sample, whose date_added values are fixed (so a second demo resumes).
        var history = (int)Math.Ceiling((now - DemoDataSet.FirstDateAdded).TotalHours) + 24;
        var settings = new Dictionary<string, string?>(overrides, StringComparer.OrdinalIgnoreCase)
        {
            ["taxii2:discovery_url"] = discoveryUrl.AbsoluteUri,
            ["taxii2:collections"] = "*.*",
            ["taxii2:v21"] = "true",
            ["taxii2:initial_history"] = Math.Max(history, 24).ToString(CultureInfo.InvariantCulture),
            ["taxii2:add_custom_label"] = "true",
            ["taxii2:custom_label"] = "taxii-connector-demo",
            ["taxii2:determine_x_opencti_score_by_label"] = "true",
            ["taxii2:set_indicator_as_detection"] = "true",
            ["taxii2:create_author"] = "true",
            ["taxii2:author_name"] = "TaxiiConnector Demo",
            ["taxii2:author_description"] = "The bundled sample data set of TaxiiConnector's demo.",
            ["taxii2:default_marking"] = "TLP:GREEN",
        };
        return settings;
    }
}
