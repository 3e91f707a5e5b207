namespace TaxiiConnector.Stix.Ids;

/// <summary>STIX identifier syntax: <c>&lt;object type&gt;--&lt;UUID&gt;</c>.</summary>
public static class StixId
{
    /// <summary>True when <paramref name="id"/> is <c>{type}--{uuid}</c> for exactly this <paramref name="type"/>.</summary>
    public static bool IsValidFor(ReadOnlySpan<char> id, ReadOnlySpan<char> type)
    {
        if (type.IsEmpty || id.Length != type.Length + 2 + 36 || !id.StartsWith(type, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = id[type.Length..];
        return rest[0] == '-' && rest[1] == '-' && Guid.TryParseExact(rest[2..], "D", out _);
    }
}
