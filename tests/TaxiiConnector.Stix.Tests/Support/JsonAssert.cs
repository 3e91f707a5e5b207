using System.Text.Json;
using System.Text.Json.Nodes;

namespace TaxiiConnector.Stix.Tests.Support;

/// <summary>Structural JSON comparison: property order is ignored, array order is not, numbers compare by value.</summary>
internal static class JsonAssert
{
    public static void Equal(string expectedJson, ReadOnlySpan<byte> actualUtf8)
    {
        var expected = JsonNode.Parse(expectedJson);
        var actual = JsonNode.Parse(actualUtf8);
        var difference = FindDifference(expected, actual, "$");
        difference.Should().BeNull(
            "expected {0}\n but got {1}", expected?.ToJsonString(), actual?.ToJsonString());
    }

    public static string? FindDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: one side is null";
        }

        switch (expected)
        {
            case JsonObject e when actual is JsonObject a:
                if (e.Count != a.Count)
                {
                    var missing = e.Select(p => p.Key).Except(a.Select(p => p.Key));
                    var extra = a.Select(p => p.Key).Except(e.Select(p => p.Key));
                    return $"{path}: properties differ (missing [{string.Join(",", missing)}], extra [{string.Join(",", extra)}])";
                }

                foreach (var (key, value) in e)
                {
                    if (!a.TryGetPropertyValue(key, out var other))
                    {
                        return $"{path}.{key}: missing";
                    }

                    if (FindDifference(value, other, $"{path}.{key}") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JsonArray e when actual is JsonArray a:
                if (e.Count != a.Count)
                {
                    return $"{path}: {e.Count} items expected, {a.Count} found";
                }

                for (var i = 0; i < e.Count; i++)
                {
                    if (FindDifference(e[i], a[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValue e when actual is JsonValue a:
                var ek = e.GetValueKind();
                var ak = a.GetValueKind();
                if (ek != ak)
                {
                    return $"{path}: {ek} expected, {ak} found";
                }

                return ek switch
                {
                    JsonValueKind.Number => e.GetValue<decimal>() == a.GetValue<decimal>() ? null : $"{path}: {e} != {a}",
                    JsonValueKind.String => e.GetValue<string>() == a.GetValue<string>() ? null : $"{path}: '{e}' != '{a}'",
                    _ => null,
                };
            default:
                return $"{path}: {expected.GetValueKind()} expected, {actual.GetValueKind()} found";
        }
    }
}
