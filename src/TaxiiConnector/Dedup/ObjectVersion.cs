using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace TaxiiConnector.Dedup;

/// <summary>
/// One version of one STIX object, compact: a 64-bit hash of its id and a 64-bit hash of its version, seeded with the
/// id hash so two ids that share an id hash still differ in version. The version is the object's <c>modified</c>
/// timestamp when it has one, else its content (SCOs, marking definitions).
/// </summary>
internal readonly record struct ObjectVersion(long IdHash, long Version)
{
    private static readonly byte[] ModifiedName = "modified"u8.ToArray();
    private static readonly byte[] CreatedName = "created"u8.ToArray();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_content;

    /// <summary>
    /// The version of an object read from a source, or null when it has no <c>id</c> string (the transformer drops it).
    /// The id and <c>modified</c> are hashed as the producer wrote them: a producer that changes its escaping gets its
    /// objects sent again, never skipped.
    /// </summary>
    public static ObjectVersion? OfSourceObject(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("id"u8, out var id) || id.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var idHash = HashIdValue(JsonMarshal.GetRawUtf8Value(id));
        if (element.TryGetProperty(ModifiedName, out var modified) && modified.ValueKind == JsonValueKind.String)
        {
            return new ObjectVersion(idHash, (long)XxHash3.HashToUInt64(JsonMarshal.GetRawUtf8Value(modified), idHash));
        }

        return new ObjectVersion(idHash, CanonicalContentHash.Compute(element, idHash));
    }

    /// <summary>
    /// The version of an object the connector made (the author identity, a note keeping an original id): its content
    /// without <c>created</c> and <c>modified</c>, which the connector stamps with the time it built the object. Its id is
    /// <paramref name="id"/>, or when null the JSON's own <c>id</c>.
    /// </summary>
    public static ObjectVersion OfOwnObject(string? id, ReadOnlySpan<byte> json)
    {
        // The kept members are gathered and hashed at once (seeded with the id hash, known only once the id was read):
        // the same hash as appending them one by one, without a hash state per object.
        var content = t_content ??= new ArrayBufferWriter<byte>(1024);
        content.ResetWrittenCount();
        long? idHash = id is null ? null : HashId(id);
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var skip = reader.ValueTextEquals(ModifiedName) || reader.ValueTextEquals(CreatedName);
            var isId = idHash is null && reader.ValueTextEquals("id"u8);
            var name = reader.ValueSpan;
            reader.Read();
            if (isId && reader.TokenType == JsonTokenType.String)
            {
                idHash = reader.ValueIsEscaped ? HashId(reader.GetString()!) : (long)XxHash3.HashToUInt64(reader.ValueSpan);
            }

            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (!skip)
            {
                content.Write(name);
                content.Write(json[start..((int)reader.BytesConsumed)]);
            }
        }

        var seed = idHash ?? HashId(string.Empty);
        return new ObjectVersion(seed, (long)XxHash3.HashToUInt64(content.WrittenSpan, seed));
    }

    /// <summary>The hash of an id (without quotes), as <see cref="OfSourceObject"/> computes it for unescaped ids.</summary>
    public static long HashId(string id)
    {
        var length = Encoding.UTF8.GetMaxByteCount(id.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(id, rented);
            return (long)XxHash3.HashToUInt64(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The raw JSON string (quotes included) hashed without its quotes.</summary>
    private static long HashIdValue(ReadOnlySpan<byte> rawString) =>
        (long)XxHash3.HashToUInt64(rawString.Length >= 2 ? rawString[1..^1] : rawString);
}
