using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Logging;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Taxii.Discovery;
using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Selection;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Cli;

/// <summary>
/// <c>discover</c>: the question every new user asks first. Walks the configured TAXII 2 server (discovery, API roots,
/// collections) with the connector's own client and credentials and prints each collection with the exact
/// <c>TAXII2_COLLECTIONS</c> entry that selects it. Needs only the <c>taxii2</c> section; OpenCTI is not contacted.
/// </summary>
public sealed class DiscoverCommand : IConnectorCommand
{
    public const string CommandName = "discover";

    public string Name => CommandName;

    public string Summary => "Print the TAXII server's API roots and collections (ids, titles, can_read) and the TAXII2_COLLECTIONS entry of each.";

    public async Task<int> ExecuteAsync(ConnectorInvocation invocation, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(output);
        if (await CommandHost.RejectArgumentsAsync(invocation, output, cancellationToken))
        {
            return 2;
        }

        using var host = await CommandHost.BuildAsync(invocation, output, configure: null, cancellationToken);
        if (host is null)
        {
            return 1;
        }

        Taxii2Options taxii2;
        try
        {
            // Only the TAXII 2 section matters here: a missing OpenCTI URL is no reason not to look at a server.
            taxii2 = host.Services.GetRequiredService<IOptions<Taxii2Options>>().Value;
        }
        catch (OptionsValidationException exception)
        {
            await CommandHost.ReportProblemsAsync(exception.Failures, output, cancellationToken);
            return 1;
        }

        if (taxii2.DiscoveryUrl is null || host.Services.GetService<Taxii2Client>() is not { } client)
        {
            await output.Error.WriteLineAsync("discover needs TAXII2_DISCOVERY_URL (taxii2.discovery_url).".AsMemory(), cancellationToken);
            return 1;
        }

        try
        {
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TaxiiConnector.Discover");
            var catalog = await TaxiiCatalog.LoadAsync(client, taxii2.DiscoveryUrl, logger, cancellationToken: cancellationToken);
            await DiscoveryReport.WriteAsync(output.Out, catalog, cancellationToken);
            return catalog.Roots.Any(root => root.Error is not null) ? 1 : 0;
        }
        catch (Exception exception) when (exception is TaxiiException or HttpRequestException)
        {
            // One line: what failed, where, and which setting to change; the trace is for debug logging only.
            var failure = FailureExplainer.Explain(exception, Taxii2Options.SectionName);
            await output.Error.WriteLineAsync($"discovery failed: {failure.Line}".AsMemory(), cancellationToken);
            return 1;
        }
    }
}
