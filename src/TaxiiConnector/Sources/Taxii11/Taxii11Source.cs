using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Stix.Stix1;
using TaxiiConnector.Stix.Transform;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Taxii.Taxii1.Polling;

namespace TaxiiConnector.Sources.Taxii11;

/// <summary>
/// The TAXII 1.1 source: finds the poll and collection-management services (discovery, or the configured URLs), selects
/// the configured collections, and reads each one window by window, converting STIX 1.1.1 to STIX 2.1.
/// </summary>
public sealed class Taxii11Source : IConnectorSource
{
    private readonly Taxii1Client _client;
    private readonly Taxii11Options _options;
    private readonly Stix1Converter _converter;
    private readonly Taxii1PollWindows _windows;
    private readonly ILogger<Taxii11Source> _logger;

    /// <param name="transform">The transformer options named <c>taxii11</c>, configured from the section.</param>
    public Taxii11Source(Taxii1Client client, Taxii11Options options, StixTransformerOptions transform, TimeProvider timeProvider, ILogger<Taxii11Source> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _options = options;
        _logger = logger;
        TransformOptions = transform;
        _converter = new Stix1Converter(
            new Stix1ConverterOptions
            {
                CreateObservables = options.Transform.CreateObservables,
                ParseTcV2Descriptions = options.TcV2Descriptions,
                IndicatorIds = options.IndicatorIds,
                CreateReport = options.CreateReport,
            },
            timeProvider);
        _windows = new Taxii1PollWindows(options.MaxWindow, options.SafetyLag, options.InitialHistory, timeProvider);
        if (!options.VerifySsl)
        {
            Log.TlsVerificationOff(logger, Taxii11Options.Key(nameof(Taxii11Options.VerifySsl)).DisplayName);
        }
    }

    public string Name => Taxii11Options.SectionName;

    public StixTransformerOptions TransformOptions { get; }

    public async IAsyncEnumerable<ISourceCollection> GetCollectionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pollUrl = _options.PollUrl;
        var managementUrl = _options.CollectionManagementUrl;
        if (_options.DiscoveryUrl is { } discoveryUrl)
        {
            var services = await _client.DiscoverAsync(discoveryUrl, cancellationToken);
            pollUrl ??= Service(services, Taxii1ServiceType.Poll);
            managementUrl ??= Service(services, Taxii1ServiceType.CollectionManagement);
        }

        var serverKey = (_options.DiscoveryUrl ?? _options.PollUrl)!.ToString();
        var notListed = new List<string>();
        foreach (var (name, collectionPollUrl) in await SelectAsync(managementUrl, pollUrl, notListed, cancellationToken))
        {
            var url = collectionPollUrl ?? pollUrl
                ?? throw new Taxii1Exception(Taxii1ErrorKind.Configuration, $"No poll service for TAXII 1.1 collection '{name}': the server advertises none; set {Taxii11Options.Key(nameof(Taxii11Options.PollUrl)).DisplayName}.");
            yield return new Taxii11SourceCollection(_client, _converter, _windows, url, name, $"taxii11|{serverKey}|{name}", _options.PageSize, _options.MaxParts, _logger);
        }

        if (notListed.Count > 0)
        {
            throw SourceConfigurationException.Of(notListed);
        }
    }

    private static Uri? Service(IReadOnlyList<Taxii1ServiceInstance> services, string type) =>
        services.Where(s => s.ServiceType == type).OrderByDescending(s => s.Available).Select(s => s.Address).FirstOrDefault();

    private async Task<IReadOnlyList<(string Name, Uri? PollUrl)>> SelectAsync(Uri? managementUrl, Uri? pollUrl, List<string> notListed, CancellationToken cancellationToken)
    {
        if (managementUrl is null)
        {
            if (_options.AllCollections)
            {
                throw new Taxii1Exception(
                    Taxii1ErrorKind.Configuration,
                    $"{Taxii11Options.Key(nameof(Taxii11Options.Collections)).DisplayName} is '*' but the server advertises no collection management service to list them: name the collections, or set {Taxii11Options.Key(nameof(Taxii11Options.CollectionManagementUrl)).DisplayName}.");
            }

            return [.. _options.Collections.Select(name => (name, (Uri?)null))];
        }

        var listed = await _client.GetCollectionsAsync(managementUrl, cancellationToken);
        if (_options.AllCollections)
        {
            foreach (var unavailable in listed.Where(c => !c.Available))
            {
                Log.CollectionUnavailable(_logger, unavailable.Name);
            }

            return [.. listed.Where(c => c.Available).Select(c => (c.Name, c.PollingAddresses.FirstOrDefault()))];
        }

        var selected = new List<(string, Uri?)>();
        foreach (var name in _options.Collections)
        {
            var info = listed.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))
                ?? listed.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (info is null)
            {
                // Not polled: a name the server does not list is a mistake in the setting, reported as one.
                notListed.Add($"{Taxii11Options.Key(nameof(Taxii11Options.Collections)).DisplayName} names '{name}', which {managementUrl} does not list for these credentials: it is not pulled. Listed: "
                    + (listed.Count == 0 ? "none" : string.Join(", ", listed.Select(c => c.Name))));
                continue;
            }

            selected.Add((info.Name, info.PollingAddresses.FirstOrDefault()));
        }

        return selected;
    }
}
