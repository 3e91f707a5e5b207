using System.Buffers;
using System.Text;

namespace TaxiiConnector.OpenCti.GraphQL;

/// <summary>
/// Writes UTF-8 text as the inside of a JSON string exactly as the platform's own Python client's JSON encoder does by
/// default (ASCII only): printable ASCII as it is, <c>"</c> and <c>\</c> and the usual control characters with their
/// short escapes, anything else (other controls, DEL, every non-ASCII character) as lowercase <c>\uXXXX</c>, characters
/// beyond the BMP as a surrogate pair. Bytes that are not UTF-8 become U+FFFD.
/// </summary>
internal static class AsciiJsonEscaper
{
    /// <summary>The longest escape of one character (a surrogate pair: two <c>\uXXXX</c>).</summary>
    public const int MaxEscapeBytes = 12;

    private static readonly SearchValues<byte> Verbatim = SearchValues.Create(VerbatimBytes());

    /// <summary>The escaped length of <paramref name="utf8"/>, without writing it.</summary>
    public static long EscapedLength(ReadOnlySpan<byte> utf8)
    {
        Span<byte> scratch = stackalloc byte[MaxEscapeBytes];
        long length = 0;
        while (!utf8.IsEmpty)
        {
            var run = utf8.IndexOfAnyExcept(Verbatim);
            if (run < 0)
            {
                return length + utf8.Length;
            }

            length += run + EscapeOne(utf8[run..], scratch, out var consumed);
            utf8 = utf8[(run + consumed)..];
        }

        return length;
    }

    /// <summary>
    /// Escapes as much of <paramref name="source"/> as fits in <paramref name="destination"/> (which must hold at least
    /// <see cref="MaxEscapeBytes"/> bytes, so every call makes progress); returns the bytes written.
    /// </summary>
    public static int Escape(ReadOnlySpan<byte> source, Span<byte> destination, out int consumed)
    {
        Span<byte> scratch = stackalloc byte[MaxEscapeBytes];
        var read = 0;
        var written = 0;
        while (read < source.Length)
        {
            var rest = source[read..];
            var run = rest.IndexOfAnyExcept(Verbatim);
            var verbatim = Math.Min(run < 0 ? rest.Length : run, destination.Length - written);
            rest[..verbatim].CopyTo(destination[written..]);
            read += verbatim;
            written += verbatim;
            if (read == source.Length || written == destination.Length)
            {
                break;
            }

            var length = EscapeOne(source[read..], scratch, out var escaped);
            if (length > destination.Length - written)
            {
                break;
            }

            scratch[..length].CopyTo(destination[written..]);
            written += length;
            read += escaped;
        }

        consumed = read;
        return written;
    }

    /// <summary>Escapes one string value (a short one: an id, a query) into a new array.</summary>
    public static byte[] Escape(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        var escaped = new byte[EscapedLength(utf8)];
        Escape(utf8, escaped, out _);
        return escaped;
    }

    /// <summary>Writes the escape of the character <paramref name="utf8"/> starts with (one that is not verbatim).</summary>
    private static int EscapeOne(ReadOnlySpan<byte> utf8, Span<byte> destination, out int consumed)
    {
        var first = utf8[0];
        if (first < 0x80)
        {
            consumed = 1;
            var shortForm = first switch
            {
                (byte)'"' => (byte)'"',
                (byte)'\\' => (byte)'\\',
                (byte)'\b' => (byte)'b',
                (byte)'\f' => (byte)'f',
                (byte)'\n' => (byte)'n',
                (byte)'\r' => (byte)'r',
                (byte)'\t' => (byte)'t',
                _ => (byte)0,
            };
            if (shortForm != 0)
            {
                destination[0] = (byte)'\\';
                destination[1] = shortForm;
                return 2;
            }

            return WriteUnicodeEscape(first, destination);
        }

        Rune.DecodeFromUtf8(utf8, out var rune, out consumed);
        if (rune.IsBmp)
        {
            return WriteUnicodeEscape(rune.Value, destination);
        }

        Span<char> pair = stackalloc char[2];
        rune.EncodeToUtf16(pair);
        var written = WriteUnicodeEscape(pair[0], destination);
        return written + WriteUnicodeEscape(pair[1], destination[written..]);
    }

    private static int WriteUnicodeEscape(int codeUnit, Span<byte> destination)
    {
        const string Hex = "0123456789abcdef";
        destination[0] = (byte)'\\';
        destination[1] = (byte)'u';
        destination[2] = (byte)Hex[(codeUnit >> 12) & 0xF];
        destination[3] = (byte)Hex[(codeUnit >> 8) & 0xF];
        destination[4] = (byte)Hex[(codeUnit >> 4) & 0xF];
        destination[5] = (byte)Hex[codeUnit & 0xF];
        return 6;
    }

    private static byte[] VerbatimBytes()
    {
        var bytes = new List<byte>();
        for (var b = 0x20; b <= 0x7E; b++)
        {
            if (b is not '"' and not '\\')
            {
                bytes.Add((byte)b);
            }
        }

        return [.. bytes];
    }
}
