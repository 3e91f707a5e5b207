using System.Globalization;
using System.Xml.Linq;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>One STIX 2.1 comparison of an object path: operator and right-hand side (already quoted when a string).</summary>
internal readonly record struct Stix1Comparison(string Operator, string Literal)
{
    /// <summary>An equality, which also names the observable the indicator matches.</summary>
    public bool IsExact => Operator == "=";

    public string For(string path) => $"{path} {Operator} {Literal}";
}

/// <summary>
/// CybOX <c>condition</c> attributes to STIX 2.1 comparison operators, exactly: Equals is <c>=</c>, Contains, StartsWith
/// and EndsWith are <c>LIKE</c> with <c>%</c> (or an anchored <c>MATCHES</c> when the value itself holds a LIKE
/// wildcard), FitsPattern is <c>MATCHES</c>, <c>is_case_sensitive="false"</c> is a <c>(?i)</c> regular expression.
/// A condition with no exact equivalent is a skip, never a broader comparison.
/// </summary>
internal static class Stix1Condition
{
    public static string? Name(XElement element) => ((string?)element.Attribute("condition"))?.Trim() is { Length: > 0 } c ? c : null;

    public static Stix1Comparison ForString(XElement element, string value)
    {
        var condition = Name(element) ?? "Equals";
        if (IsFalse(element.Attribute("is_case_sensitive")))
        {
            return CaseInsensitive(condition, value);
        }

        return condition switch
        {
            "Equals" => new("=", Quote(value)),
            "DoesNotEqual" => new("!=", Quote(value)),
            "Contains" => Like(true, value, true),
            "StartsWith" => Like(false, value, true),
            "EndsWith" => Like(true, value, false),
            "FitsPattern" => new("MATCHES", Quote(value)),
            "GreaterThan" => new(">", Quote(value)),
            "GreaterThanOrEqual" => new(">=", Quote(value)),
            "LessThan" => new("<", Quote(value)),
            "LessThanOrEqual" => new("<=", Quote(value)),
            _ => throw new Stix1SkipException($"unsupported condition {condition}"),
        };
    }

    public static Stix1Comparison ForInteger(XElement element, string value, string constraint)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new Stix1SkipException($"{constraint} is not an integer");
        }

        var literal = number.ToString(CultureInfo.InvariantCulture);
        return (Name(element) ?? "Equals") switch
        {
            "Equals" => new("=", literal),
            "DoesNotEqual" => new("!=", literal),
            "GreaterThan" => new(">", literal),
            "GreaterThanOrEqual" => new(">=", literal),
            "LessThan" => new("<", literal),
            "LessThanOrEqual" => new("<=", literal),
            var other => throw new Stix1SkipException($"unsupported condition {other} on {constraint}"),
        };
    }

    /// <summary>STIX patterning string literal: backslash and quote escaped.</summary>
    public static string Quote(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public static Stix1Comparison Like(bool anyBefore, string value, bool anyAfter)
    {
        if (value.Contains('%', StringComparison.Ordinal) || value.Contains('_', StringComparison.Ordinal))
        {
            // LIKE has no escape: a literal % or _ would become a wildcard and match more than the source says.
            return new("MATCHES", Quote((anyBefore ? string.Empty : "^") + Stix1PatternBuilder.RegexLiteral(value) + (anyAfter ? string.Empty : "$")));
        }

        return new("LIKE", Quote((anyBefore ? "%" : string.Empty) + value + (anyAfter ? "%" : string.Empty)));
    }

    private static Stix1Comparison CaseInsensitive(string condition, string value)
    {
        var literal = Stix1PatternBuilder.RegexLiteral(value);
        return condition switch
        {
            "Equals" => new("MATCHES", Quote("(?i)^" + literal + "$")),
            "DoesNotEqual" => new("NOT MATCHES", Quote("(?i)^" + literal + "$")),
            "Contains" => new("MATCHES", Quote("(?i)" + literal)),
            "StartsWith" => new("MATCHES", Quote("(?i)^" + literal)),
            "EndsWith" => new("MATCHES", Quote("(?i)" + literal + "$")),
            "FitsPattern" => new("MATCHES", Quote("(?i)" + value)),
            _ => throw new Stix1SkipException($"unsupported condition {condition} without case sensitivity"),
        };
    }

    private static bool IsFalse(XAttribute? attribute) =>
        attribute is not null && (attribute.Value.Trim() == "0" || attribute.Value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase));
}
