using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>
/// Builds STIX 2.1 patterns from CybOX observables: domain names and host names, IPv4/IPv6/e-mail/MAC addresses, URIs,
/// files and e-mail messages. Every constraint the source states is expressed (<see cref="Stix1Condition"/> maps the
/// conditions); an element the pattern cannot express skips the indicator (<c>unsupported constraint File.Device_Path</c>)
/// rather than yield a pattern that matches more than its source. A list value (<c>##comma##</c> or the declared
/// delimiter) becomes one term per item, OR-ed for <c>apply_condition="ANY"</c>.
/// </summary>
internal sealed class Stix1PatternBuilder
{
    private const int MaxCompositionDepth = 8;

    /// <summary>Object-level elements that describe rather than constrain.</summary>
    private static readonly HashSet<string> ObjectMetadata = new(StringComparer.Ordinal) { "Properties", "Description" };

    /// <summary>Observable-level elements that describe rather than constrain.</summary>
    private static readonly HashSet<string> ObservableMetadata = new(StringComparer.Ordinal)
    {
        "Title", "Description", "Keywords", "Observable_Source", "Pattern_Fidelity", "Sighting_Count", "Object", "Observable_Composition",
    };

    private readonly Stix1References _references;

    public Stix1PatternBuilder(Stix1References references)
    {
        _references = references;
    }

    public Stix1ObservablePattern Build(XElement observable) => BuildObservation(observable, 0);

    /// <summary>STIX patterning string literal: backslash and quote escaped.</summary>
    public static string Quote(string value) => Stix1Condition.Quote(value);

    /// <summary>Escapes PCRE metacharacters so a value inside a regular expression matches literally.</summary>
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

    /// <summary>The CybOX object name of a <c>Properties</c> element (<c>File</c> for <c>FileObj:FileObjectType</c>).</summary>
    public static string ObjectName(XElement properties)
    {
        var type = Stix1Xml.XsiTypeLocalName(properties) ?? "(no xsi:type)";
        return type.EndsWith("ObjectType", StringComparison.Ordinal) ? type[..^"ObjectType".Length] : type;
    }

    /// <summary>Skips when <paramref name="element"/> has a child the conversion does not express.</summary>
    public static void RequireOnly(XElement element, string owner, IReadOnlySet<string> handled)
    {
        foreach (var child in element.Elements())
        {
            if (!handled.Contains(child.Name.LocalName))
            {
                throw new Stix1SkipException($"unsupported constraint {owner}.{child.Name.LocalName}");
            }
        }
    }

    /// <summary>The items of a list value (<c>##comma##</c> or the declared delimiter).</summary>
    public static List<string> ListValues(XElement element)
    {
        var delimiter = (string?)element.Attribute("delimiter") is { Length: > 0 } declared ? declared : "##comma##";
        var values = element.Value.Split(delimiter).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        return values.Count > 0 ? values : throw new Stix1SkipException("empty observable value");
    }

    public static bool ApplyAll(XElement element) => ((string?)element.Attribute("apply_condition"))?.Trim().ToUpperInvariant() switch
    {
        "ALL" => true,
        "NONE" => throw new Stix1SkipException("apply_condition NONE is not supported"),
        _ => false,
    };

    /// <summary>One comparison per list item of <paramref name="element"/> on <paramref name="path"/>, joined per apply_condition.</summary>
    public static Stix1Expression Terms(XElement element, string path, out List<string> values, out bool exact)
    {
        values = ListValues(element);
        var comparisons = values.Select(v => Stix1Condition.ForString(element, v)).ToList();
        exact = comparisons.All(c => c.IsExact);
        return Stix1Expression.Join(comparisons.Select(c => c.For(path)).ToList(), ApplyAll(element));
    }

    /// <summary>The properties of an object, following an <c>idref</c> to its content in the package.</summary>
    public XElement ObjectProperties(XElement obj, out XElement resolved)
    {
        resolved = obj;
        if ((string?)obj.Attribute("idref") is { Length: > 0 } idref && Stix1Xml.Child(obj, "Properties") is null)
        {
            resolved = _references.Object(idref.Trim()) ?? throw new Stix1SkipException($"object reference {idref} not found in the package");
        }

        return Stix1Xml.Child(resolved, "Properties") ?? throw new Stix1SkipException("observable without object properties");
    }

    private Stix1ObservablePattern BuildObservation(XElement observable, int depth)
    {
        if (depth > MaxCompositionDepth)
        {
            throw new Stix1SkipException("observable composition nested too deeply");
        }

        if ((string?)observable.Attribute("idref") is { Length: > 0 } idref && observable.IsEmpty)
        {
            var target = _references.Observable(idref) ?? throw new Stix1SkipException($"observable reference {idref} not found in the package");
            return BuildObservation(target, depth + 1);
        }

        if (Stix1Xml.Child(observable, "Observable_Composition") is { } composition)
        {
            return BuildComposition(composition, depth);
        }

        RequireOnly(observable, "Observable", ObservableMetadata);
        var obj = Stix1Xml.Child(observable, "Object") ?? throw new Stix1SkipException("observable without object properties");
        var properties = ObjectProperties(obj, out var resolved);
        var objectName = ObjectName(properties);
        if (objectName == "EmailMessage")
        {
            var email = new Stix1EmailPattern(this, _references).Build(properties, resolved);
            return email with { Pattern = "[" + email.Pattern + "]" };
        }

        RequireOnly(resolved, "Object", ObjectMetadata);
        var comparison = objectName switch
        {
            "DomainName" => ValueComparison(properties, objectName, "Value", "domain-name", "Domain-Name"),
            "Hostname" => ValueComparison(properties, objectName, "Hostname_Value", "domain-name", "Domain-Name"),
            "URI" => ((string?)properties.Attribute("type"))?.Trim() == "Domain"
                ? ValueComparison(properties, objectName, "Value", "domain-name", "Domain-Name")
                : ValueComparison(properties, objectName, "Value", "url", "Url"),
            "Address" => AddressComparison(properties),
            "File" => Stix1FilePattern.Build(properties, "file:"),
            _ => throw new Stix1SkipException($"unsupported observable type {Stix1Xml.XsiTypeLocalName(properties) ?? objectName}"),
        };
        return comparison with { Pattern = "[" + comparison.Pattern + "]" };
    }

    private Stix1ObservablePattern BuildComposition(XElement composition, int depth)
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
        return ValueComparison(properties, "Address", "Address_Value", type, main);
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

    private static Stix1ObservablePattern ValueComparison(XElement properties, string objectName, string valueElement, string type, string mainType)
    {
        RequireOnly(properties, objectName, new HashSet<string>(StringComparer.Ordinal) { valueElement });
        var element = Stix1Xml.Child(properties, valueElement) ?? throw new Stix1SkipException($"{type} observable without {valueElement}");
        var expression = Terms(element, type + ":value", out var values, out var exact);
        var observables = exact ? values.Distinct(StringComparer.Ordinal).Select(v => Stix1Observable.Value(type, v)).ToList() : [];
        return new Stix1ObservablePattern(expression.Text, mainType, values[0], observables);
    }
}
