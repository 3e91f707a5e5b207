using System.Globalization;
using System.Text;

namespace TaxiiConnector.Stix.Ids;

/// <summary>
/// RFC 8785 (JCS) serialisation of a flat object of string members, the form pycti and the OpenCTI platform hash to
/// build deterministic ids: members sorted by name, no whitespace, only the mandatory escapes, non-ASCII kept raw.
/// </summary>
internal static class CanonicalJson
{
    public static string Serialize(params ReadOnlySpan<KeyValuePair<string, string>> members)
    {
        var sorted = members.ToArray();
        // JCS sorts by UTF-16 code units, which is exactly ordinal string comparison.
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var builder = new StringBuilder(64);
        builder.Append('{');
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            AppendString(builder, sorted[i].Key);
            builder.Append(':');
            AppendString(builder, sorted[i].Value);
        }

        return builder.Append('}').ToString();
    }

    private static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
