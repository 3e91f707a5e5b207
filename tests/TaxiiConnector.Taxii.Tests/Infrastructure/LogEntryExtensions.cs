using WireMock.Logging;

namespace TaxiiConnector.Taxii.Tests.Infrastructure;

public static class LogEntryExtensions
{
    /// <summary>The header value as the server received it (all values joined), or null.</summary>
    public static string? Header(this ILogEntry entry, string name)
    {
        var headers = entry.RequestMessage.Headers;
        if (headers is null)
        {
            return null;
        }

        var match = headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        return match.Value is null ? null : string.Join(",", match.Value);
    }

    public static List<ILogEntry> InOrder(this IEnumerable<ILogEntry> entries) => entries.OrderBy(e => e.RequestMessage.DateTime).ToList();
}
