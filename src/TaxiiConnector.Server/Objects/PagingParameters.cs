using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Server.Objects;

/// <summary>
/// What every object endpoint reads the same way: <c>added_after</c>, <c>limit</c> and <c>next</c> (TAXII 2.1 §3.4), each
/// at most once, plus the fingerprint that ties a <c>next</c> cursor to the filters it was issued for.
/// </summary>
internal readonly record struct PagingParameters(DateTimeOffset? AddedAfter, string? AddedAfterText, int? Limit, string? Next)
{
    public static bool TryParse(IQueryCollection query, out PagingParameters parsed, ref string? error)
    {
        parsed = default;
        if (!TrySingle(query, "added_after", out var addedAfterText, ref error)
            || !TrySingle(query, "limit", out var limitText, ref error)
            || !TrySingle(query, "next", out var next, ref error))
        {
            return false;
        }

        DateTimeOffset? addedAfter = null;
        if (addedAfterText is not null)
        {
            if (!TaxiiTimestamp.TryParseWithZone(addedAfterText, out var value))
            {
                error = "added_after must be an RFC 3339 timestamp with a time zone, e.g. 2026-01-01T00:00:00.000000Z.";
                return false;
            }

            addedAfter = value;
        }

        int? limit = null;
        if (limitText is not null)
        {
            if (limitText.Length == 0 || !limitText.All(char.IsAsciiDigit) || limitText.All(c => c == '0'))
            {
                error = "limit must be a positive integer.";
                return false;
            }

            // Any positive integer is a valid limit; beyond int the server's own cap applies anyway.
            limit = int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : int.MaxValue;
        }

        if (next is { Length: 0 })
        {
            error = "next must not be empty.";
            return false;
        }

        parsed = new PagingParameters(addedAfter, addedAfterText, limit, next);
        return true;
    }

    /// <summary>The parameter's one value (null when absent); false with an error when it is repeated.</summary>
    public static bool TrySingle(IQueryCollection query, string name, out string? value, ref string? error)
    {
        value = null;
        if (!query.TryGetValue(name, out StringValues values))
        {
            return true;
        }

        if (values.Count > 1)
        {
            error = $"{name} must not be repeated; join several values with commas.";
            return false;
        }

        value = values[0];
        return true;
    }

    /// <summary>FNV-1a over the raw filter texts: stable across processes, unlike <c>string.GetHashCode</c>.</summary>
    public static ulong Fingerprint(params string?[] parts)
    {
        var hash = 14695981039346656037UL;
        foreach (var part in parts)
        {
            foreach (var c in part ?? "\0")
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            hash = (hash ^ 0x1F) * 1099511628211UL;
        }

        return hash;
    }
}
