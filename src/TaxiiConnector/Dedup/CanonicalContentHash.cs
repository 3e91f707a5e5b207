using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
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

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// The members being sorted, one array per nesting depth, kept by the thread: renting them from the shared pool
    /// missed for nested objects (the thread's slot holds the outer one) and allocated, a third of the hash's cost.
    /// </summary>
    [ThreadStatic]
    private static List<JsonProperty[]>? t_members;

    public static long Compute(JsonElement element, long seed)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        Write(writer, element, depth: 0);
        writer.Flush();
        return (long)XxHash3.HashToUInt64(buffer.WrittenSpan, seed);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var count = element.GetPropertyCount();
                var members = Members(depth, count);
                try
                {
                    var filled = 0;
                    var plainNames = true;
                    foreach (var member in element.EnumerateObject())
                    {
                        members[filled++] = member;
                        plainNames &= IsPlainAscii(JsonMarshal.GetRawUtf8PropertyName(member));
                    }

                    // Printable ASCII names without escapes sort the same as bytes and as UTF-16 code units (RFC 8785),
                    // and are written as they are: no name is built as a string.
                    var span = members.AsSpan(0, count);
                    if (plainNames)
                    {
                        span.Sort(RawNameOrder.Instance);
                    }
                    else
                    {
                        span.Sort(NameOrder.Instance);
                    }

                    writer.WriteStartObject();
                    foreach (var member in span)
                    {
                        if (plainNames)
                        {
                            writer.WritePropertyName(JsonMarshal.GetRawUtf8PropertyName(member));
                        }
                        else
                        {
                            writer.WritePropertyName(member.Name);
                        }

                        Write(writer, member.Value, depth + 1);
                    }

                    writer.WriteEndObject();
                }
                finally
                {
                    // The members point into the page's document: not kept past the object.
                    Array.Clear(members, 0, count);
                }

                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(element);
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

    private static JsonProperty[] Members(int depth, int count)
    {
        var byDepth = t_members ??= [];
        while (byDepth.Count <= depth)
        {
            byDepth.Add([]);
        }

        if (byDepth[depth].Length < count)
        {
            byDepth[depth] = new JsonProperty[Math.Max(count, 16)];
        }

        return byDepth[depth];
    }

    /// <summary>Printable ASCII without a backslash (an escape): the raw bytes are the name.</summary>
    private static bool IsPlainAscii(ReadOnlySpan<byte> raw) =>
        raw.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0 && !raw.Contains((byte)'\\');

    private sealed class RawNameOrder : IComparer<JsonProperty>
    {
        public static readonly RawNameOrder Instance = new();

        public int Compare(JsonProperty x, JsonProperty y) =>
            JsonMarshal.GetRawUtf8PropertyName(x).SequenceCompareTo(JsonMarshal.GetRawUtf8PropertyName(y));
    }

    private sealed class NameOrder : IComparer<JsonProperty>
    {
        public static readonly NameOrder Instance = new();

        public int Compare(JsonProperty x, JsonProperty y) => string.CompareOrdinal(x.Name, y.Name);
    }
}
