using System.Text.Json;

namespace TaxiiConnector.Taxii.Tests.Infrastructure;

/// <summary>Builds spec-shaped TAXII bodies.</summary>
public static class Stix
{
    public const string Taxii21 = "application/taxii+json;version=2.1";
    public const string Taxii20 = "application/vnd.oasis.taxii+json; version=2.0";
    public const string Stix20 = "application/vnd.oasis.stix+json; version=2.0";

    public static object Indicator(string id, string modified = "2024-01-01T00:00:00.000Z") => new Dictionary<string, object>
    {
        ["type"] = "indicator",
        ["spec_version"] = "2.1",
        ["id"] = id,
        ["created"] = "2024-01-01T00:00:00.000Z",
        ["modified"] = modified,
        ["pattern"] = "[ipv4-addr:value = '198.51.100.1']",
        ["pattern_type"] = "stix",
        ["valid_from"] = "2024-01-01T00:00:00Z",
    };

    public static string Envelope(bool? more, string? next, params string[] ids)
    {
        var body = new Dictionary<string, object>();
        if (more is not null)
        {
            body["more"] = more.Value;
        }

        if (next is not null)
        {
            body["next"] = next;
        }

        if (ids.Length > 0)
        {
            body["objects"] = ids.Select(id => Indicator(id)).ToList();
        }

        return JsonSerializer.Serialize(body);
    }

    public static string Bundle(params string[] ids) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["type"] = "bundle",
        ["id"] = "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
        ["spec_version"] = "2.0",
        ["objects"] = ids.Select(id => Indicator(id)).ToList(),
    });

    public static string Id(int n) => $"indicator--00000000-0000-4000-8000-{n:D12}";
}
