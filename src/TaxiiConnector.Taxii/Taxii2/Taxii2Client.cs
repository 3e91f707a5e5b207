using System.Text.Json;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;

namespace TaxiiConnector.Taxii.Taxii2;

/// <summary>
/// A TAXII 2.1 / 2.0 client: discovery → API roots → collections → objects, streamed page by page. Create it through
/// <c>services.AddTaxii2Client(...)</c> (typed <see cref="HttpClient"/> with auth, TLS and resilience handlers) or give it
/// any <see cref="HttpClient"/>. Thread-safe; holds no per-collection state between calls.
/// </summary>
public sealed partial class Taxii2Client
{
    private readonly HttpClient _http;
    private readonly Taxii2ClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RangeFormMemory _rangeForms;
    private int _contentTypeWarned;

    public Taxii2Client(HttpClient httpClient, Taxii2ClientOptions options, TimeProvider timeProvider, ILogger<Taxii2Client> logger)
        : this(httpClient, options, timeProvider, logger, new RangeFormMemory())
    {
    }

    /// <summary>
    /// As the other constructor, with the process's <see cref="RangeFormMemory"/>: clients are short-lived, what a 2.0
    /// server taught about its <c>Range</c> header is not.
    /// </summary>
    public Taxii2Client(HttpClient httpClient, Taxii2ClientOptions options, TimeProvider timeProvider, ILogger<Taxii2Client> logger,
        RangeFormMemory rangeForms)
    {
        ArgumentNullException.ThrowIfNull(rangeForms);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _http = httpClient;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _rangeForms = rangeForms;
    }

    /// <summary>The options this client was built with.</summary>
    public Taxii2ClientOptions Options => _options;

    /// <summary>
    /// Reads the discovery resource. With <see cref="TaxiiVersion.Auto"/> it asks with the 2.1 media type first and
    /// falls back to 2.0 on 404, 406 or a non-TAXII content type; the version found is in the result.
    /// </summary>
    public async Task<TaxiiDiscovery> DiscoverAsync(Uri discoveryUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(discoveryUrl);
        var url = UrlNames.WithTrailingSlash(discoveryUrl);
        var (document, version, serverDate) = await GetResourceAsync(url, _options.Version, cancellationToken).ConfigureAwait(false);
        using (document)
        {
            var root = RequireObject(document, url);
            var roots = new List<Uri>();
            if (root.TryGetProperty("api_roots", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (TryResolveRoot(url, item, out var resolved) && !roots.Contains(resolved))
                    {
                        roots.Add(resolved);
                    }
                }
            }

            Uri? defaultRoot = null;
            if (root.TryGetProperty("default", out var defaultElement))
            {
                _ = TryResolveRoot(url, defaultElement, out defaultRoot);
            }

            Log.Discovered(_logger, url, version, roots.Count);
            return new TaxiiDiscovery(url, version, GetString(root, "title"), GetString(root, "description"), defaultRoot, roots)
            {
                ServerDate = serverDate,
                ClockSkew = serverDate is { } date ? date - _time.GetUtcNow() : null,
            };
        }
    }

    /// <summary>Reads an API root resource.</summary>
    public async Task<TaxiiApiRoot> GetApiRootAsync(Uri apiRootUrl, TaxiiVersion version = TaxiiVersion.Auto, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apiRootUrl);
        var url = UrlNames.WithTrailingSlash(apiRootUrl);
        var (document, used, _) = await GetResourceAsync(url, Effective(version), cancellationToken).ConfigureAwait(false);
        using (document)
        {
            var root = RequireObject(document, url);
            var versions = new List<string>();
            if (root.TryGetProperty("versions", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                versions.AddRange(list.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
            }

            long? maxContentLength = root.TryGetProperty("max_content_length", out var max) && max.TryGetInt64(out var value) ? value : null;
            return new TaxiiApiRoot(url, used, GetString(root, "title"), GetString(root, "description"), versions, maxContentLength);
        }
    }

    /// <summary>
    /// Lists the collections of an API root (<c>{}</c>, a body without <c>collections</c>, means none). Entries without an
    /// id are skipped with a warning.
    /// </summary>
    public async Task<IReadOnlyList<TaxiiCollection>> GetCollectionsAsync(Uri apiRootUrl, TaxiiVersion version = TaxiiVersion.Auto, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apiRootUrl);
        var rootUrl = UrlNames.WithTrailingSlash(apiRootUrl);
        var url = new Uri(rootUrl, "collections/");
        var (document, used, _) = await GetResourceAsync(url, Effective(version), cancellationToken).ConfigureAwait(false);
        using (document)
        {
            var root = RequireObject(document, url);
            var collections = new List<TaxiiCollection>();
            if (!root.TryGetProperty("collections", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return collections;
            }

            foreach (var item in list.EnumerateArray())
            {
                var id = item.ValueKind == JsonValueKind.Object ? GetString(item, "id") : null;
                if (string.IsNullOrWhiteSpace(id))
                {
                    Log.CollectionWithoutId(_logger, url);
                    continue;
                }

                var mediaTypes = item.TryGetProperty("media_types", out var types) && types.ValueKind == JsonValueKind.Array
                    ? types.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
                    : [];
                collections.Add(new TaxiiCollection(
                    rootUrl,
                    used,
                    id,
                    GetString(item, "title") ?? id,
                    GetString(item, "description"),
                    GetString(item, "alias"),
                    GetBool(item, "can_read"),
                    GetBool(item, "can_write"),
                    mediaTypes));
            }

            return collections;
        }
    }

    /// <summary>
    /// Streams the objects of a collection page by page, following the version's paging rules and loop guards. Each page
    /// owns its parsed response; dispose it after use. A loop guard ends the sequence with a
    /// <see cref="TaxiiPaginationException"/>; pages already yielded stay valid and their cursors are safe to commit.
    /// </summary>
    public IAsyncEnumerable<TaxiiObjectPage> GetObjectsAsync(TaxiiCollection collection, TaxiiObjectsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(query);
        return collection.Version == TaxiiVersion.V20
            ? GetObjectsV20Async(collection, query, cancellationToken)
            : GetObjectsV21Async(collection, query, cancellationToken);
    }

    private TaxiiVersion Effective(TaxiiVersion version) => version == TaxiiVersion.Auto ? _options.Version : version;

    private bool TryResolveRoot(Uri discoveryUrl, JsonElement element, out Uri resolved)
    {
        resolved = null!;
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            resolved = UrlNames.ResolveApiRoot(discoveryUrl, text);
            return true;
        }
        catch (UriFormatException)
        {
            Log.InvalidApiRoot(_logger, discoveryUrl, text);
            return false;
        }
    }

    private static JsonElement RequireObject(JsonDocument document, Uri url) =>
        document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement
            : throw new TaxiiProtocolException($"The response of {url} is JSON but not an object ({document.RootElement.ValueKind}).", url, isTransient: false);

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool GetBool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
        && (value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var parsed) && parsed));
}
