using System.Collections.Concurrent;

namespace TaxiiConnector.Taxii.Taxii2.Pagination;

/// <summary>
/// Which spelling of the TAXII 2.0 <c>Range</c> header each server took (<c>items a-b</c> or <c>items=a-b</c>), kept for
/// the life of the process so that only the first request to a server ever meets the wrong form. Keyed by scheme, host
/// and port: one server answers every collection the same way. Thread-safe.
/// </summary>
public sealed class RangeFormMemory
{
    private readonly ConcurrentDictionary<string, bool> _equalsFormByServer = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True with the form when one was learned for the server of <paramref name="url"/>.</summary>
    public bool TryGet(Uri url, out bool equalsForm)
    {
        ArgumentNullException.ThrowIfNull(url);
        return _equalsFormByServer.TryGetValue(ServerOf(url), out equalsForm);
    }

    /// <summary>Records the form that worked; true when that is news (first time, or the server changed its mind).</summary>
    public bool Remember(Uri url, bool equalsForm)
    {
        ArgumentNullException.ThrowIfNull(url);
        var server = ServerOf(url);
        while (true)
        {
            if (_equalsFormByServer.TryGetValue(server, out var known))
            {
                if (known == equalsForm)
                {
                    return false;
                }

                if (_equalsFormByServer.TryUpdate(server, equalsForm, known))
                {
                    return true;
                }
            }
            else if (_equalsFormByServer.TryAdd(server, equalsForm))
            {
                return true;
            }
        }
    }

    private static string ServerOf(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
