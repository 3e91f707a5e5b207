using System.Text.Json.Nodes;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>
/// An observable (SCO) the converter writes alongside what it converts: its type-specific properties in write order,
/// the observables it references (written before it, e.g. an e-mail's addresses) and the ones related to it (written
/// after it with a <c>related-to</c> relationship, e.g. an e-mail's links).
/// </summary>
internal sealed class Stix1Observable
{
    public Stix1Observable(string type, string id, JsonObject properties)
    {
        Type = type;
        Id = id;
        Properties = properties;
    }

    public string Type { get; }

    public string Id { get; }

    public JsonObject Properties { get; }

    public IReadOnlyList<Stix1Observable> References { get; init; } = [];

    public IReadOnlyList<Stix1Observable> Related { get; init; } = [];

    /// <summary>domain-name, ipv4-addr, ipv6-addr, email-addr, url, mac-addr: one <c>value</c>.</summary>
    public static Stix1Observable Value(string type, string value) =>
        new(type, Stix1Ids.ValueObservable(type, value), new JsonObject { ["value"] = value });

    public static Stix1Observable File(IReadOnlyList<KeyValuePair<string, string>> hashes, string? name, long? size)
    {
        var properties = new JsonObject();
        if (hashes.Count > 0)
        {
            var hashObject = new JsonObject();
            foreach (var (algorithm, value) in hashes)
            {
                hashObject[algorithm] = value;
            }

            properties["hashes"] = hashObject;
        }

        if (name is not null)
        {
            properties["name"] = name;
        }

        if (size is not null)
        {
            properties["size"] = size.Value;
        }

        return new("file", Stix1Ids.File(hashes, name), properties);
    }
}

/// <summary>The STIX 2.1 pattern of a STIX 1 observable, the observables it matches exactly, and what to call it.</summary>
internal sealed record Stix1ObservablePattern(string Pattern, string MainObservableType, string DisplayValue, IReadOnlyList<Stix1Observable> Observables)
{
    /// <summary>True for observation expressions joined by AND/OR, which need parentheses inside another composition.</summary>
    public bool IsCompound { get; init; }
}

/// <summary>A comparison expression inside one observation (<c>[...]</c>); <see cref="IsOr"/> needs parentheses under AND.</summary>
internal sealed record Stix1Expression(string Text, bool IsOr, bool HasAnd)
{
    public static Stix1Expression Join(IReadOnlyList<string> terms, bool all) => terms.Count == 1
        ? new(terms[0], false, false)
        : new(string.Join(all ? " AND " : " OR ", terms), !all, all);

    /// <summary>
    /// Every part must hold. An OR part is parenthesised and put after the plain comparisons, so the observation starts
    /// with an object path (what the pattern scanner reads the main observable type from).
    /// </summary>
    public static Stix1Expression And(IReadOnlyList<Stix1Expression> parts) => parts.Count == 1
        ? parts[0]
        : new(string.Join(" AND ", parts.OrderBy(p => p.IsOr).Select(p => p.IsOr ? "(" + p.Text + ")" : p.Text)), false, true);
}
