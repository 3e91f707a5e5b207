using System.Net;

namespace TaxiiConnector.Server.Hosting;

/// <summary>
/// What the read-side server and the push endpoint both require of where they serve: an API root that is one URL
/// segment beside <c>/taxii2/</c>, on a port Kestrel can bind (0: any free one).
/// </summary>
internal static class ApiRootAddressRules
{
    /// <remarks>The exceptions name the options' properties (<c>ApiRoot</c>, <c>Port</c>): that is what the caller set wrong.</remarks>
    public static void Validate(string apiRoot, int port)
    {
        if (apiRoot.Contains('/', StringComparison.Ordinal) || apiRoot.Equals("taxii2", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("ApiRoot must be a single URL segment other than 'taxii2'.", "ApiRoot");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(port, "Port");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort, "Port");
    }
}
