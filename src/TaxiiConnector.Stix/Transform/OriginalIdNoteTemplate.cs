using System.Text;
using System.Text.Json;

namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// The note that keeps an indicator's original id (rule 12), assembled from byte pieces escaped once per transformer:
/// one note per indicator made a dozen writer calls, each checking and escaping again, about a tenth of the work.
/// Output: <c>{"type":"note","spec_version":"2.1","id":…,"created":…,"modified":…,"abstract":…,"content":…,
/// "object_refs":[…],"created_by_ref":…,"object_marking_refs":…}</c> (author and markings when there are any).
/// </summary>
internal sealed class OriginalIdNoteTemplate
{
    private static readonly byte[] Start = "{\"type\":\"note\",\"spec_version\":\"2.1\",\"id\":\""u8.ToArray();

    private readonly byte[] _abstract;
    private readonly byte[] _author;
    private readonly byte[] _defaultMarkings;

    /// <param name="abstractJson">The note's abstract, escaped.</param>
    /// <param name="authorId">The author identity id (no escaping needed), or null.</param>
    /// <param name="defaultMarkingRefs">The default markings array (<c>["marking-definition--…"]</c>), or null.</param>
    public OriginalIdNoteTemplate(JsonEncodedText abstractJson, string? authorId, byte[]? defaultMarkingRefs)
    {
        _abstract = [.. ",\"abstract\":\""u8, .. abstractJson.EncodedUtf8Bytes, .. "\",\"content\":"u8];
        _author = authorId is null ? [] : Encoding.UTF8.GetBytes(",\"created_by_ref\":\"" + authorId + "\"");
        _defaultMarkings = defaultMarkingRefs is null ? [] : [.. ",\"object_marking_refs\":"u8, .. defaultMarkingRefs];
    }

    /// <summary>Builds the note into <paramref name="buffer"/> (grown as needed) and returns its bytes.</summary>
    /// <param name="noteId">The note id (ASCII, no escaping needed).</param>
    /// <param name="indicatorIdJson">The indicator id as a JSON string, quotes included.</param>
    /// <param name="createdJson">The creation date as a JSON string, quotes included (used for modified too).</param>
    /// <param name="markingsJson">The indicator's markings array as JSON, or empty for the default markings.</param>
    public ReadOnlySpan<byte> Build(
        ref byte[] buffer,
        ReadOnlySpan<byte> noteId,
        ReadOnlySpan<byte> indicatorIdJson,
        ReadOnlySpan<byte> createdJson,
        ReadOnlySpan<byte> markingsJson)
    {
        var markings = markingsJson.IsEmpty ? _defaultMarkings : markingsJson;
        // The fixed pieces below (12 + 12 + 16 + 1 + 23 + 1 bytes) with the variable ones.
        var length = Start.Length + noteId.Length + 12 + createdJson.Length + 12 + createdJson.Length + _abstract.Length
            + indicatorIdJson.Length + 16 + indicatorIdJson.Length + 1 + _author.Length
            + (markingsJson.IsEmpty ? 0 : 23) + markings.Length + 1;
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }

        var output = buffer.AsSpan();
        var position = 0;
        Append(output, ref position, Start);
        Append(output, ref position, noteId);
        Append(output, ref position, "\",\"created\":"u8);
        Append(output, ref position, createdJson);
        Append(output, ref position, ",\"modified\":"u8);
        Append(output, ref position, createdJson);
        Append(output, ref position, _abstract);
        Append(output, ref position, indicatorIdJson);
        Append(output, ref position, ",\"object_refs\":["u8);
        Append(output, ref position, indicatorIdJson);
        Append(output, ref position, "]"u8);
        Append(output, ref position, _author);
        if (!markingsJson.IsEmpty)
        {
            Append(output, ref position, ",\"object_marking_refs\":"u8);
        }

        Append(output, ref position, markings);
        Append(output, ref position, "}"u8);
        return output[..position];
    }

    private static void Append(Span<byte> output, ref int position, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output[position..]);
        position += bytes.Length;
    }
}
