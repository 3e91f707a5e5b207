namespace TaxiiConnector.Sources.CyberThreatExchange.Http;

/// <summary>Which URLs count as the configured API: the same scheme, host and port as the base URL.</summary>
internal static class ApiOrigin
{
    public static bool IsSameOrigin(Uri uri, Uri baseUri) =>
        uri.IsAbsoluteUri
        && string.Equals(uri.Scheme, baseUri.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, baseUri.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == baseUri.Port;

    public static bool IsSameHost(Uri uri, Uri baseUri) =>
        uri.IsAbsoluteUri && string.Equals(uri.IdnHost, baseUri.IdnHost, StringComparison.OrdinalIgnoreCase);
}
