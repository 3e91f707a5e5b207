using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration.Yaml;
using TaxiiConnector.Hosting;
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
        if (invocation.Arguments.Count > 0)
        {
            await output.Error.WriteLineAsync($"Unexpected argument '{invocation.Arguments[0]}'.".AsMemory(), cancellationToken);
            return 2;
        }

        Microsoft.Extensions.Hosting.HostApplicationBuilder builder;
        try
        {
            builder = ConnectorHost.CreateBuilder(invocation, output.Log);
        }
        catch (ConfigFileException exception)
        {
            await output.Error.WriteLineAsync(exception.Message.AsMemory(), cancellationToken);
            return 1;
        }

        using var host = builder.Build();
        Taxii2Options taxii2;
        try
        {
            // Only the TAXII 2 section matters here: a missing OpenCTI URL is no reason not to look at a server.
            taxii2 = host.Services.GetRequiredService<IOptions<Taxii2Options>>().Value;
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures)
            {
                await output.Error.WriteLineAsync($"configuration problem: {failure}".AsMemory(), cancellationToken);
            }

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
        catch (TaxiiException exception)
        {
            await output.Error.WriteLineAsync($"discovery failed: {exception.Message}".AsMemory(), cancellationToken);
            return 1;
        }
        catch (HttpRequestException exception)
        {
            await output.Error.WriteLineAsync($"discovery failed: {exception.Message}".AsMemory(), cancellationToken);
            return 1;
        }
    }
}
