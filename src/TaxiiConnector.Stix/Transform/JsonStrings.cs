using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// Reads JSON string values without building a string in the usual case: a value the producer wrote without escapes is
/// its raw UTF-8, and decoding that into a caller's buffer gives exactly what <see cref="JsonElement.GetString"/> would.
/// </summary>
internal static class JsonStrings
{
    /// <summary>The string's UTF-8 as it lies in the document, when it holds no escape (the bytes are then the value).</summary>
    public static bool TryGetUnescapedUtf8(JsonElement value, out ReadOnlySpan<byte> utf8)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        utf8 = raw[1..^1];
        return utf8.IndexOf((byte)'\\') < 0;
    }

    /// <summary>
    /// The string's text: decoded into <paramref name="buffer"/> when it has no escapes and fits, else a new string.
    /// </summary>
    public static ReadOnlySpan<char> GetChars(JsonElement value, Span<char> buffer)
    {
        // UTF-8 never decodes to more chars than it has bytes.
        return TryGetUnescapedUtf8(value, out var utf8) && utf8.Length <= buffer.Length
            ? buffer[..Encoding.UTF8.GetChars(utf8, buffer)]
            : value.GetString().AsSpan();
    }

    /// <summary>As <see cref="GetChars(JsonElement, Span{char})"/>, growing <paramref name="buffer"/> as needed.</summary>
    public static ReadOnlySpan<char> GetChars(JsonElement value, ref char[] buffer)
    {
        if (!TryGetUnescapedUtf8(value, out var utf8))
        {
            return value.GetString().AsSpan();
        }

        if (utf8.Length > buffer.Length)
        {
            buffer = new char[Math.Max(utf8.Length, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, Encoding.UTF8.GetChars(utf8, buffer));
    }
}
