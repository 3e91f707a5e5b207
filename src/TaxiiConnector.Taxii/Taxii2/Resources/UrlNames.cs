namespace TaxiiConnector.Taxii.Taxii2.Resources;

/// <summary>URL normalisation shared by every resource: TAXII endpoints always end in <c>/</c>.</summary>
public static class UrlNames
{
    /// <summary>Returns <paramref name="url"/> with a trailing slash on its path (query, fragment and user info dropped: TAXII URLs have none).</summary>
    public static Uri WithTrailingSlash(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("A TAXII URL must be absolute.", nameof(url));
        }

        // User info is dropped: credentials travel in headers, and a URL ends up in logs and error messages.
        var builder = new UriBuilder(url) { Query = string.Empty, Fragment = string.Empty, UserName = string.Empty, Password = string.Empty };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }

    /// <summary>Resolves an API root as advertised by discovery (absolute, or relative like <c>/api1/</c>) against the discovery URL.</summary>
    public static Uri ResolveApiRoot(Uri discoveryUrl, string advertised)
    {
        ArgumentNullException.ThrowIfNull(discoveryUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(advertised);
        return WithTrailingSlash(new Uri(discoveryUrl, advertised.Trim()));
    }

    /// <summary>The last non-empty path segment, unescaped (<c>https://h/taxii2/api1/</c> → <c>api1</c>).</summary>
    public static string LastSegment(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? string.Empty : Uri.UnescapeDataString(segments[^1]);
    }
}
