using System.Globalization;
using System.Xml.Linq;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>
/// The comparisons of a CybOX <c>FileObjectType</c>: hashes (several hashes of one file OR-ed: each identifies the same
/// content), <c>File_Name</c>, <c>File_Path</c>/<c>Full_Path</c> (directory and name), <c>File_Extension</c> and
/// <c>Size_In_Bytes</c>, AND-ed. Any other element skips the indicator.
/// </summary>
internal static class Stix1FilePattern
{
    private static readonly HashSet<string> Handled = new(StringComparer.Ordinal)
    {
        "Hashes", "File_Name", "File_Path", "Full_Path", "File_Extension", "Size_In_Bytes",
    };

    private static readonly HashSet<string> HashHandled = new(StringComparer.Ordinal) { "Type", "Simple_Hash_Value", "Fuzzy_Hash_Value" };

    public static Stix1ObservablePattern Build(XElement properties, string prefix)
    {
        var expression = Expression(properties, prefix, out var observable, out var display);
        return new Stix1ObservablePattern(expression.Text, "StixFile", display, observable is null ? [] : [observable]);
    }

    /// <summary>The file's comparison expression with object paths under <paramref name="prefix"/> (<c>file:</c>, or a reference path).</summary>
    public static Stix1Expression Expression(XElement properties, string prefix, out Stix1Observable? observable, out string display)
    {
        Stix1PatternBuilder.RequireOnly(properties, "File", Handled);
        var parts = new List<Stix1Expression>();
        var exact = true;
        var hashes = new List<KeyValuePair<string, string>>();
        if (Hashes(properties, prefix, hashes) is { } hashExpression)
        {
            parts.Add(hashExpression);
        }

        string? name = null;
        if (Stix1Xml.Child(properties, "File_Name") is { } nameElement)
        {
            parts.Add(Stix1PatternBuilder.Terms(nameElement, prefix + "name", out var names, out var nameExact));
            exact &= nameExact && names.Count == 1;
            name = nameExact && names.Count == 1 ? names[0] : null;
        }

        foreach (var pathElement in Stix1Xml.Children(properties, "File_Path").Concat(Stix1Xml.Children(properties, "Full_Path")))
        {
            parts.AddRange(PathTerms(pathElement, prefix, ref name));
        }

        if (Stix1Xml.Child(properties, "File_Extension") is { } extensionElement)
        {
            if ((Stix1Condition.Name(extensionElement) ?? "Equals") != "Equals")
            {
                throw new Stix1SkipException($"unsupported condition {Stix1Condition.Name(extensionElement)} on File.File_Extension");
            }

            var extension = Stix1Xml.Text(extensionElement) ?? throw new Stix1SkipException("empty observable value");
            parts.Add(new Stix1Expression(Stix1Condition.Like(true, "." + extension.TrimStart('.'), false).For(prefix + "name"), false, false));
        }

        long? size = null;
        if (Stix1Xml.Child(properties, "Size_In_Bytes") is { } sizeElement)
        {
            var comparison = Stix1Condition.ForInteger(sizeElement, Stix1Xml.Text(sizeElement) ?? string.Empty, "File.Size_In_Bytes");
            parts.Add(new Stix1Expression(comparison.For(prefix + "size"), false, false));
            if (comparison.IsExact)
            {
                size = long.Parse(comparison.Literal, CultureInfo.InvariantCulture);
            }
        }

        if (parts.Count == 0)
        {
            throw new Stix1SkipException("file observable without hashes or name");
        }

        observable = exact && (hashes.Count > 0 || name is not null) ? Stix1Observable.File(hashes, name, size) : null;
        display = hashes.Count > 0 ? hashes[0].Value : name ?? Stix1Xml.Text(properties) ?? "file";
        return Stix1Expression.And(parts);
    }

    private static Stix1Expression? Hashes(XElement properties, string prefix, List<KeyValuePair<string, string>> hashes)
    {
        var terms = new List<string>();
        foreach (var hash in Stix1Xml.Children(Stix1Xml.Child(properties, "Hashes"), "Hash"))
        {
            Stix1PatternBuilder.RequireOnly(hash, "File.Hash", HashHandled);
            var valueElement = Stix1Xml.Child(hash, "Simple_Hash_Value") ?? Stix1Xml.Child(hash, "Fuzzy_Hash_Value");
            if (valueElement is null)
            {
                continue;
            }

            if ((Stix1Condition.Name(valueElement) ?? "Equals") != "Equals")
            {
                throw new Stix1SkipException($"unsupported hash condition {Stix1Condition.Name(valueElement)}");
            }

            foreach (var raw in Stix1PatternBuilder.ListValues(valueElement))
            {
                var algorithm = HashAlgorithm(Stix1Xml.Text(Stix1Xml.Child(hash, "Type")), raw)
                    ?? throw new Stix1SkipException($"unrecognised hash '{raw}'");
                var value = algorithm == "SSDEEP" ? raw : raw.ToLowerInvariant();
                if (algorithm != "SSDEEP" && !value.All(char.IsAsciiHexDigit))
                {
                    throw new Stix1SkipException($"{algorithm} value is not hexadecimal");
                }

                terms.Add($"{prefix}hashes.{HashPath(algorithm)} = {Stix1Condition.Quote(value)}");
                if (!hashes.Any(h => h.Key == algorithm))
                {
                    hashes.Add(new(algorithm, value));
                }
            }
        }

        return terms.Count == 0 ? null : Stix1Expression.Join(terms, all: false);
    }

    /// <summary>
    /// A path that ends with the file's name (or is fully qualified) is a directory and a name; any other path is the
    /// directory. Only equality is converted: a partial match on a path that may hold the name cannot be split exactly.
    /// </summary>
    private static IEnumerable<Stix1Expression> PathTerms(XElement pathElement, string prefix, ref string? name)
    {
        var owner = "File." + pathElement.Name.LocalName;
        if ((Stix1Condition.Name(pathElement) ?? "Equals") != "Equals")
        {
            throw new Stix1SkipException($"unsupported condition {Stix1Condition.Name(pathElement)} on {owner}");
        }

        var path = Stix1Xml.Text(pathElement) ?? throw new Stix1SkipException("empty observable value");
        var fullyQualified = pathElement.Name.LocalName == "Full_Path"
            || ((string?)pathElement.Attribute("fully_qualified"))?.Trim() is "true" or "1";
        var separator = path.LastIndexOfAny(['\\', '/']);
        string directory;
        string? fileName = null;
        if (name is not null && separator >= 0 && path[(separator + 1)..] == name)
        {
            directory = path[..separator];
        }
        else if (fullyQualified && separator >= 0 && separator < path.Length - 1)
        {
            directory = path[..separator];
            fileName = path[(separator + 1)..];
        }
        else
        {
            directory = path;
        }

        var terms = new List<Stix1Expression>();
        if (directory.Length > 0)
        {
            terms.Add(new($"{prefix}parent_directory_ref.path = {Stix1Condition.Quote(directory)}", false, false));
        }

        if (fileName is not null && name is null)
        {
            terms.Add(new($"{prefix}name = {Stix1Condition.Quote(fileName)}", false, false));
            name = fileName;
        }
        else if (fileName is not null && fileName != name)
        {
            throw new Stix1SkipException($"{owner} names another file than File.File_Name");
        }

        return terms;
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
}
