using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Stix.Transform;
using TaxiiConnector.Taxii.Selection;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Sources.Taxii2;

/// <summary>
/// The <c>taxii2</c> source: discovery → API roots → the selected readable collections, each read from its own cursor.
/// A run's catalog is loaded fresh, so collections added on the server are picked up without a restart.
/// </summary>
public sealed partial class Taxii2Source : IConnectorSource
{
    private readonly Taxii2Client _client;
    private readonly Taxii2SourceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<Taxii2Source> _logger;

    public Taxii2Source(Taxii2Client client, Taxii2SourceOptions options, TimeProvider timeProvider, ILogger<Taxii2Source> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (options.DiscoveryUrl is null)
        {
            throw new ArgumentException("taxii2.discovery_url is required.", nameof(options));
        }

        _client = client;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public string Name => "taxii2";

    public StixTransformerOptions TransformOptions => _options.Transform;

    public async IAsyncEnumerable<ISourceCollection> GetCollectionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var catalog = await TaxiiCatalog.LoadAsync(_client, _options.DiscoveryUrl!, _logger, _options.ApiRootOverrides, cancellationToken);
        var selection = CollectionSelector.From(_options.Collections).Resolve(catalog.Roots, _logger);
        var selected = selection.Collections;
        if (selected.Count > 0)
        {
            // With nothing selected the error line that follows says why; "0 of N selected: " would only precede it.
            Log.Selected(_logger, selected.Count, catalog.Roots.Sum(r => r.Collections.Count), string.Join(", ", selected.Select(c => c.DisplayName)));
        }
        foreach (var collection in selected)
        {
            yield return new Taxii2SourceCollection(_client, collection, _options, _timeProvider);
        }

        // A root that could not be listed hides collections that should have been read: the run is not a success.
        var failed = catalog.Roots.Where(r => r.Error is not null).ToList();
        if (failed.Count > 0)
        {
            throw new Taxii2SourceException(
                $"{failed.Count} of {catalog.Roots.Count} API roots could not be listed: " + string.Join("; ", failed.Select(r => $"{r.Url}: {r.Error}")));
        }

        // An entry that selects nothing is a mistake in the setting, not an empty feed: the run must not look like a success.
        if (selection.Problems.Count > 0)
        {
            throw SourceConfigurationException.Of(selection.Problems);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.CollectionsSelected, EventName = nameof(LogEventIds.CollectionsSelected), Level = LogLevel.Information,
            Message = "taxii2: {Selected} of {Available} collections selected: {Collections}")]
        public static partial void Selected(ILogger logger, int selected, int available, string collections);
    }
}

/// <summary>The taxii2 source could not read everything it was configured to read.</summary>
public sealed class Taxii2SourceException : Exception
{
    public Taxii2SourceException()
    {
    }

    public Taxii2SourceException(string message)
        : base(message)
    {
    }

    public Taxii2SourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
