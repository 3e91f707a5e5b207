using Microsoft.Extensions.Logging;
using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Resources;

namespace TaxiiConnector.Taxii.Selection;

/// <summary>One API root with its collections, or the error that kept them from being listed.</summary>
public sealed record ApiRootCollections(Uri Url, string? Title, IReadOnlyList<TaxiiCollection> Collections, string? Error = null)
{
    /// <summary>The last path segment of the URL, the name <c>TAXII2_COLLECTIONS</c> entries use.</summary>
    public string Name => UrlNames.LastSegment(Url);
}

/// <summary>
/// Everything a server offers: discovery, then each API root's title and collections. A root that fails is kept with its
/// error (and logged), so one broken root never hides the others.
/// </summary>
public sealed partial record TaxiiCatalog(TaxiiDiscovery Discovery, IReadOnlyList<ApiRootCollections> Roots)
{
    /// <summary>
    /// Walks discovery → API roots → collections. <paramref name="apiRootOverrides"/>, when given, replaces the advertised
    /// roots (for servers behind a reverse-proxy prefix whose relative roots resolve outside it).
    /// </summary>
    public static async Task<TaxiiCatalog> LoadAsync(
        Taxii2Client client,
        Uri discoveryUrl,
        ILogger logger,
        IReadOnlyList<Uri>? apiRootOverrides = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        var discovery = await client.DiscoverAsync(discoveryUrl, cancellationToken).ConfigureAwait(false);
        if (apiRootOverrides is { Count: > 0 })
        {
            discovery = discovery with { ApiRoots = apiRootOverrides.Select(UrlNames.WithTrailingSlash).Distinct().ToList() };
        }

        var roots = new List<ApiRootCollections>();
        foreach (var rootUrl in discovery.ApiRoots)
        {
            try
            {
                var collections = await client.GetCollectionsAsync(rootUrl, discovery.Version, cancellationToken).ConfigureAwait(false);
                string? title = null;
                try
                {
                    title = (await client.GetApiRootAsync(rootUrl, discovery.Version, cancellationToken).ConfigureAwait(false)).Title;
                }
                catch (TaxiiException ex)
                {
                    // The title only helps selection by name; the collections are what matter.
                    Log.ApiRootInfoFailed(logger, rootUrl, ex.Message);
                }

                roots.Add(new ApiRootCollections(rootUrl, title, collections));
            }
            catch (TaxiiException ex)
            {
                Log.ApiRootFailed(logger, rootUrl, ex.Message);
                roots.Add(new ApiRootCollections(rootUrl, null, [], ex.Message));
            }
        }

        return new TaxiiCatalog(discovery, roots);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.ApiRootFailed, EventName = nameof(LogEventIds.ApiRootFailed), Level = LogLevel.Error,
            Message = "Could not list the collections of API root {ApiRoot}: {Reason}. The other roots go on")]
        public static partial void ApiRootFailed(ILogger logger, Uri apiRoot, string reason);

        [LoggerMessage(EventId = LogEventIds.ApiRootInfoFailed, EventName = nameof(LogEventIds.ApiRootInfoFailed), Level = LogLevel.Warning,
            Message = "Could not read API root {ApiRoot} (its title is unknown, select it by its URL segment): {Reason}")]
        public static partial void ApiRootInfoFailed(ILogger logger, Uri apiRoot, string reason);
    }
}
