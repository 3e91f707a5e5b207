using System.Buffers;
using System.IO.Hashing;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TaxiiConnector.Dedup;

/// <summary>
/// A hash of an object's content that does not depend on how the producer laid it out: members sorted by name (ordinal,
/// as RFC 8785), no whitespace, strings re-escaped one way. Numbers keep the producer's text. Used for the objects that
/// have no <c>modified</c> (SCOs, marking definitions), so a re-served copy of the same content is recognised.
/// </summary>
internal static class CanonicalContentHash
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static long Compute(JsonElement element, long seed)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, element);
        }

        return (long)XxHash3.HashToUInt64(buffer.WrittenSpan, seed);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // Each name read once (sorting on JsonProperty.Name would build the name again per comparison).
                var count = 0;
                foreach (var _ in element.EnumerateObject())
                {
                    count++;
                }

                var members = ArrayPool<(string Name, JsonElement Value)>.Shared.Rent(count);
                try
                {
                    var filled = 0;
                    foreach (var member in element.EnumerateObject())
                    {
                        members[filled++] = (member.Name, member.Value);
                    }

                    Array.Sort(members, 0, count, MemberOrder.Instance);
                    writer.WriteStartObject();
                    for (var i = 0; i < count; i++)
                    {
                        writer.WritePropertyName(members[i].Name);
                        Write(writer, members[i].Value);
                    }

                    writer.WriteEndObject();
                }
                finally
                {
                    Array.Clear(members, 0, count);
                    ArrayPool<(string Name, JsonElement Value)>.Shared.Return(members);
                }

                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
                if (raw.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0 && !raw[1..^1].Contains((byte)'\\'))
                {
                    // Printable ASCII without escapes is already written the one way the writer would write it.
                    writer.WriteRawValue(raw, skipInputValidation: true);
                }
                else
                {
                    writer.WriteStringValue(element.GetString());
                }

                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private sealed class MemberOrder : IComparer<(string Name, JsonElement Value)>
    {
        public static readonly MemberOrder Instance = new();

        public int Compare((string Name, JsonElement Value) x, (string Name, JsonElement Value) y) => string.CompareOrdinal(x.Name, y.Name);
    }
}
