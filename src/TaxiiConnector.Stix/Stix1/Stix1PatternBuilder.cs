using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>
/// Builds STIX 2.1 patterns from CybOX observables: domain names and host names, IPv4/IPv6/e-mail addresses, URIs and
/// file hashes. Values are escaped per STIX patterning (<c>\</c> and <c>'</c>); a list value (<c>##comma##</c> or the
/// declared delimiter) becomes one term per item, OR-ed for <c>apply_condition="ANY"</c>; several hashes of one file are
/// OR-ed. Anything else yields a skip reason instead of a half-right pattern.
/// </summary>
internal sealed class Stix1PatternBuilder
{
    private const int MaxCompositionDepth = 8;
    private readonly Func<string, XElement?> _resolveObservable;

    public Stix1PatternBuilder(Func<string, XElement?> resolveObservable)
    {
        _resolveObservable = resolveObservable;
    }

    public Stix1ObservablePattern Build(XElement observable) => BuildObservation(observable, 0);

    /// <summary>STIX patterning string literal: backslash and quote escaped.</summary>
    public static string Quote(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>Escapes PCRE metacharacters so Contains/StartsWith/EndsWith match the text literally.</summary>
    public static string RegexLiteral(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if ("\\^$.|?*+()[]{}".Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private Stix1ObservablePattern BuildObservation(XElement observable, int depth)
    {
        if (depth > MaxCompositionDepth)
        {
            throw new Stix1SkipException("observable composition nested too deeply");
        }

        if ((string?)observable.Attribute("idref") is { Length: > 0 } idref && observable.IsEmpty)
        {
            var target = _resolveObservable(idref) ?? throw new Stix1SkipException($"observable reference {idref} not found in the package");
            return BuildObservation(target, depth + 1);
        }

        if (Stix1Xml.Child(observable, "Observable_Composition") is { } composition)
        {
            var op = ((string?)composition.Attribute("operator"))?.Trim().ToUpperInvariant() switch
            {
                "AND" => " AND ",
                "OR" or null => " OR ",
                var other => throw new Stix1SkipException($"unsupported composition operator {other}"),
            };
            var parts = Stix1Xml.Children(composition, "Observable").Select(o => BuildObservation(o, depth + 1)).ToList();
            if (parts.Count == 0)
            {
                throw new Stix1SkipException("empty observable composition");
            }

            if (parts.Count == 1)
            {
                return parts[0];
            }

            var pattern = string.Join(op, parts.Select(p => p.IsCompound ? "(" + p.Pattern + ")" : p.Pattern));
            return new Stix1ObservablePattern(pattern, parts[0].MainObservableType, parts[0].DisplayValue, parts.SelectMany(p => p.Observables).ToList())
            {
                IsCompound = true,
            };
        }

        var properties = Stix1Xml.Path(observable, "Object", "Properties")
            ?? throw new Stix1SkipException("observable without object properties");
        var objectType = Stix1Xml.XsiTypeLocalName(properties) ?? "(no xsi:type)";
        var comparison = objectType switch
        {
            "DomainNameObjectType" => ValueComparison(properties, "Value", "domain-name", "Domain-Name"),
            "HostnameObjectType" => ValueComparison(properties, "Hostname_Value", "domain-name", "Domain-Name"),
            "URIObjectType" => ((string?)properties.Attribute("type"))?.Trim() == "Domain"
                ? ValueComparison(properties, "Value", "domain-name", "Domain-Name")
                : ValueComparison(properties, "Value", "url", "Url"),
            "AddressObjectType" => AddressComparison(properties),
            "FileObjectType" => FileComparison(properties),
            _ => throw new Stix1SkipException($"unsupported observable type {objectType}"),
        };
        return comparison with { Pattern = "[" + comparison.Pattern + "]" };
    }

    private static Stix1ObservablePattern AddressComparison(XElement properties)
    {
        var category = ((string?)properties.Attribute("category"))?.Trim().ToLowerInvariant();
        var value = Stix1Xml.Child(properties, "Address_Value") ?? throw new Stix1SkipException("address without Address_Value");
        var (type, main) = category switch
        {
            "ipv4-addr" or "ipv4-net" => ("ipv4-addr", "IPv4-Addr"),
            "ipv6-addr" or "ipv6-net" => ("ipv6-addr", "IPv6-Addr"),
            "e-mail" => ("email-addr", "Email-Addr"),
            "mac" => ("mac-addr", "Mac-Addr"),
            "cidr" => value.Value.Contains(':', StringComparison.Ordinal) ? ("ipv6-addr", "IPv6-Addr") : ("ipv4-addr", "IPv4-Addr"),
            null or "" => GuessAddressType(value.Value),
            _ => throw new Stix1SkipException($"unsupported address category {category}"),
        };
        return ValueComparison(properties, "Address_Value", type, main);
    }

    private static (string Type, string Main) GuessAddressType(string text)
    {
        // CybOX's default category is ipv4-addr; ThreatConnect sends IPv6 addresses in the same object.
        var first = text.Split("##comma##")[0].Trim();
        if (first.Contains('@', StringComparison.Ordinal))
        {
            return ("email-addr", "Email-Addr");
        }

        return IPAddress.TryParse(first.Split('/')[0], out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? ("ipv6-addr", "IPv6-Addr")
            : ("ipv4-addr", "IPv4-Addr");
    }

    private static Stix1ObservablePattern ValueComparison(XElement properties, string valueElement, string type, string mainType)
    {
        var element = Stix1Xml.Child(properties, valueElement) ?? throw new Stix1SkipException($"{type} observable without {valueElement}");
        var values = ListValues(element);
        var (op, literal) = Comparison(element);
        var terms = values.Select(v => $"{type}:value {op} {Quote(literal(v))}").ToList();
        var observables = op == "=" ? values.Distinct(StringComparer.Ordinal).Select(v => new Stix1Observable(type, v, [], null)).ToList() : [];
        return new Stix1ObservablePattern(Join(terms, ApplyAll(element)), mainType, values[0], observables);
    }

    private static Stix1ObservablePattern FileComparison(XElement properties)
    {
        var hashes = new List<KeyValuePair<string, string>>();
        var hashTerms = new List<string>();
        foreach (var hash in Stix1Xml.Children(Stix1Xml.Child(properties, "Hashes"), "Hash"))
        {
            var valueElement = Stix1Xml.Child(hash, "Simple_Hash_Value") ?? Stix1Xml.Child(hash, "Fuzzy_Hash_Value");
            if (valueElement is null)
            {
                continue;
            }

            var (op, literal) = Comparison(valueElement);
            if (op != "=")
            {
                throw new Stix1SkipException($"unsupported hash condition {(string?)valueElement.Attribute("condition")}");
            }

            foreach (var raw in ListValues(valueElement))
            {
                var algorithm = HashAlgorithm(Stix1Xml.Text(Stix1Xml.Child(hash, "Type")), raw)
                    ?? throw new Stix1SkipException($"unrecognised hash '{raw}'");
                var value = algorithm == "SSDEEP" ? raw : raw.ToLowerInvariant();
                if (algorithm != "SSDEEP" && !value.All(char.IsAsciiHexDigit))
                {
                    throw new Stix1SkipException($"{algorithm} value is not hexadecimal");
                }

                hashTerms.Add($"file:hashes.{HashPath(algorithm)} = {Quote(literal(value))}");
                if (!hashes.Any(h => h.Key == algorithm))
                {
                    hashes.Add(new(algorithm, value));
                }
            }
        }

        var fileName = Stix1Xml.Child(properties, "File_Name") is { } nameElement && Comparison(nameElement).Op == "=" ? Stix1Xml.Text(nameElement) : null;
        if (hashTerms.Count == 0)
        {
            if (fileName is null)
            {
                throw new Stix1SkipException("file observable without hashes or name");
            }

            return new Stix1ObservablePattern($"file:name = {Quote(fileName)}", "StixFile", fileName, [new Stix1Observable("file", null, [], fileName)]);
        }

        var pattern = Join(hashTerms, all: false);
        if (fileName is not null)
        {
            pattern = (hashTerms.Count > 1 ? "(" + pattern + ")" : pattern) + $" AND file:name = {Quote(fileName)}";
        }

        return new Stix1ObservablePattern(pattern, "StixFile", hashes[0].Value, [new Stix1Observable("file", null, hashes, fileName)]);
    }

    private static string? HashAlgorithm(string? declared, string value)
    {
        var name = declared?.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return name switch
        {
            "MD5" => "MD5",
            "SHA1" => "SHA-1",
            "SHA224" => "SHA-224",
            "SHA256" => "SHA-256",
            "SHA384" => "SHA-384",
            "SHA512" => "SHA-512",
            "SSDEEP" => "SSDEEP",
            null or "" => value.Length switch
            {
                32 => "MD5",
                40 => "SHA-1",
                56 => "SHA-224",
                64 => "SHA-256",
                96 => "SHA-384",
                128 => "SHA-512",
                _ => null,
            },
            _ => null,
        };
    }

    private static string HashPath(string algorithm) => algorithm.Contains('-', StringComparison.Ordinal) ? "'" + algorithm + "'" : algorithm;

    private static List<string> ListValues(XElement element)
    {
        var delimiter = (string?)element.Attribute("delimiter") is { Length: > 0 } declared ? declared : "##comma##";
        var values = element.Value.Split(delimiter).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        return values.Count > 0 ? values : throw new Stix1SkipException("empty observable value");
    }

    private static bool ApplyAll(XElement element) => ((string?)element.Attribute("apply_condition"))?.Trim().ToUpperInvariant() switch
    {
        "ALL" => true,
        "NONE" => throw new Stix1SkipException("apply_condition NONE is not supported"),
        _ => false,
    };

    private static (string Op, Func<string, string> Literal) Comparison(XElement element)
    {
        var condition = ((string?)element.Attribute("condition"))?.Trim();
        return condition switch
        {
            null or "" or "Equals" => ("=", static v => v),
            "DoesNotEqual" => ("!=", static v => v),
            "Contains" => ("MATCHES", static v => RegexLiteral(v)),
            "StartsWith" => ("MATCHES", static v => "^" + RegexLiteral(v)),
            "EndsWith" => ("MATCHES", static v => RegexLiteral(v) + "$"),
            _ => throw new Stix1SkipException($"unsupported condition {condition}"),
        };
    }

    private static string Join(List<string> terms, bool all) =>
        terms.Count == 1 ? terms[0] : string.Join(all ? " AND " : " OR ", terms);
}
