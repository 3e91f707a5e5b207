namespace TaxiiConnector.Stix.Patterns;

/// <summary>
/// A small lexer over STIX patterns that knows where quoted values start and end (with <c>\'</c> and <c>\\</c>
/// escapes), so keywords such as <c>AND</c> inside a value never count (the Python connector searches the raw text).
/// </summary>
public static class StixPatternScanner
{
    /// <summary>
    /// The object type of the first comparison (<c>ipv4-addr</c> in <c>[ipv4-addr:value = '1.2.3.4']</c>),
    /// read after the first <c>[</c> that is not inside a quoted value.
    /// </summary>
    public static bool TryGetFirstObjectType(ReadOnlySpan<char> pattern, out ReadOnlySpan<char> objectType)
    {
        objectType = default;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                i = SkipLiteral(pattern, i);
                continue;
            }

            if (c != '[')
            {
                continue;
            }

            var start = i + 1;
            while (start < pattern.Length && char.IsWhiteSpace(pattern[start]))
            {
                start++;
            }

            var end = start;
            while (end < pattern.Length && IsTypeChar(pattern[end]))
            {
                end++;
            }

            if (end == start || end >= pattern.Length || pattern[end] != ':')
            {
                return false;
            }

            objectType = pattern[start..end];
            return true;
        }

        return false;
    }

    /// <summary>
    /// Describes the pattern's shape: compound when two comparisons or observations are combined (<c>AND</c>, <c>OR</c>,
    /// <c>FOLLOWEDBY</c> outside quoted values, or more than one <c>[...]</c>), and the last quoted value (unescaped).
    /// </summary>
    public static PatternShape Analyze(ReadOnlySpan<char> pattern)
    {
        var compound = Scan(pattern, out var lastLiteral);
        return new PatternShape(compound, lastLiteral is { } range ? Unescape(pattern[range]) : null);
    }

    /// <summary>
    /// <see cref="Analyze"/> without building a string: whether the pattern is compound, and where its last quoted value
    /// lies (still escaped: see <see cref="Unescape(ReadOnlySpan{char}, Span{char})"/>); null when it has none.
    /// </summary>
    public static bool Scan(ReadOnlySpan<char> pattern, out Range? lastLiteral)
    {
        var compound = false;
        var observations = 0;
        int lastLiteralStart = -1, lastLiteralEnd = -1;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                var close = SkipLiteral(pattern, i);
                lastLiteralStart = i + 1;
                lastLiteralEnd = Math.Min(close, pattern.Length);
                i = close;
                continue;
            }

            if (c == '[')
            {
                observations++;
                continue;
            }

            if (IsWordChar(c))
            {
                var start = i;
                while (i + 1 < pattern.Length && IsWordChar(pattern[i + 1]))
                {
                    i++;
                }

                // A prefixed literal (h'..', b'..', t'..') is one token with its quote: leave the quote to the loop.
                var word = pattern[start..(i + 1)];
                if (word is "AND" or "OR" or "FOLLOWEDBY")
                {
                    compound = true;
                }
            }
        }

        lastLiteral = lastLiteralStart < 0 ? null : lastLiteralStart..lastLiteralEnd;
        return compound || observations > 1;
    }

    /// <summary>
    /// Writes a quoted value's text without its <c>\'</c> / <c>\\</c> escapes into <paramref name="destination"/>
    /// (at least as long as <paramref name="raw"/>) and returns its length.
    /// </summary>
    public static int Unescape(ReadOnlySpan<char> raw, Span<char> destination)
    {
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length)
            {
                i++;
            }

            destination[n++] = raw[i];
        }

        return n;
    }

    private static int SkipLiteral(ReadOnlySpan<char> pattern, int openQuote)
    {
        var j = openQuote + 1;
        while (j < pattern.Length)
        {
            var c = pattern[j];
            if (c == '\\')
            {
                j += 2;
                continue;
            }

            if (c == '\'')
            {
                return j;
            }

            j++;
        }

        // Unterminated: the rest of the pattern is the value.
        return pattern.Length;
    }

    private static string Unescape(ReadOnlySpan<char> raw)
    {
        if (raw.IndexOf('\\') < 0)
        {
            return raw.ToString();
        }

        Span<char> buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        return buffer[..Unescape(raw, buffer)].ToString();
    }

    private static bool IsTypeChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '$';
}

/// <summary>What <see cref="StixPatternScanner.Analyze"/> found.</summary>
/// <param name="IsCompound">Two or more comparisons or observations combined.</param>
/// <param name="LastQuotedValue">The last quoted value, unescaped; null when the pattern has none.</param>
public readonly record struct PatternShape(bool IsCompound, string? LastQuotedValue);
