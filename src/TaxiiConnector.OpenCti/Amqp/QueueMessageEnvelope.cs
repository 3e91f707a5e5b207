using System.Globalization;
using System.Text.Json;

namespace TaxiiConnector.OpenCti.Amqp;

/// <summary>
/// The body pycti publishes for each one-object bundle, key for key:
/// <c>{"bundle_type":"QUEUE_BUNDLE","applicant_id":...,"action_sequence":n,"entities_types":[],"content":base64,
/// "update":false,"draft_id":null,"work_id":...}</c>; <c>work_id</c> only when a work exists. Everything but the sequence
/// and the content is the same for a whole push, so it is encoded once and the messages are assembled from bytes.
/// </summary>
internal sealed class QueueMessageEnvelope
{
    private static readonly byte[] BeforeContent = ",\"entities_types\":[],\"content\":\""u8.ToArray();
    private readonly byte[] _prefix;
    private readonly byte[] _suffix;

    public QueueMessageEnvelope(string? applicantId, string? workId)
    {
        // An empty entities_types means "every type"; a list would restrict what the worker imports.
        _prefix = [.. "{\"bundle_type\":\"QUEUE_BUNDLE\",\"applicant_id\":"u8, .. JsonValue(applicantId), .. ",\"action_sequence\":"u8];
        _suffix = workId is null
            ? "\",\"update\":false,\"draft_id\":null}"u8.ToArray()
            : [.. "\",\"update\":false,\"draft_id\":null,\"work_id\":"u8, .. JsonValue(workId), (byte)'}'];
    }

    /// <summary>The body's length for a content of <paramref name="base64Length"/> bytes and the given sequence.</summary>
    public int Length(int actionSequence, int base64Length) =>
        _prefix.Length + Digits(actionSequence) + BeforeContent.Length + base64Length + _suffix.Length;

    /// <summary>Writes the body into <paramref name="destination"/> (at least <see cref="Length"/> bytes); returns its length.</summary>
    public int Write(Span<byte> destination, int actionSequence, ReadOnlySpan<byte> base64Content)
    {
        _prefix.CopyTo(destination);
        var position = _prefix.Length;
        actionSequence.TryFormat(destination[position..], out var digits, provider: CultureInfo.InvariantCulture);
        position += digits;
        BeforeContent.CopyTo(destination[position..]);
        position += BeforeContent.Length;
        base64Content.CopyTo(destination[position..]);
        position += base64Content.Length;
        _suffix.CopyTo(destination[position..]);
        return position + _suffix.Length;
    }

    private static byte[] JsonValue(string? value)
    {
        if (value is null)
        {
            return "null"u8.ToArray();
        }

        var encoded = JsonEncodedText.Encode(value);
        return [(byte)'"', .. encoded.EncodedUtf8Bytes, (byte)'"'];
    }

    private static int Digits(int value)
    {
        var digits = 1;
        for (; value >= 10; value /= 10)
        {
            digits++;
        }

        return digits;
    }
}
