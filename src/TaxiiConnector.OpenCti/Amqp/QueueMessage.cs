using System.Buffers;
using System.Text.Json;

namespace TaxiiConnector.OpenCti.Amqp;

/// <summary>
/// The body pycti publishes for each bundle (reference §2.3), key for key:
/// <c>{"bundle_type":"QUEUE_BUNDLE","applicant_id":...,"action_sequence":n,"entities_types":[],"content":base64,
/// "update":false,"draft_id":null,"work_id":...}</c>; <c>work_id</c> only when a work exists.
/// </summary>
internal static class QueueMessage
{
    public static byte[] Write(ReadOnlySpan<byte> bundleJson, string? applicantId, int actionSequence, string? workId)
    {
        var buffer = new ArrayBufferWriter<byte>(bundleJson.Length * 4 / 3 + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("bundle_type"u8, "QUEUE_BUNDLE"u8);
            if (applicantId is null)
            {
                writer.WriteNull("applicant_id"u8);
            }
            else
            {
                writer.WriteString("applicant_id"u8, applicantId);
            }

            writer.WriteNumber("action_sequence"u8, actionSequence);

            // An empty list means "every type"; a list would restrict what the worker imports.
            writer.WriteStartArray("entities_types"u8);
            writer.WriteEndArray();
            writer.WriteBase64String("content"u8, bundleJson);
            writer.WriteBoolean("update"u8, false);
            writer.WriteNull("draft_id"u8);
            if (workId is not null)
            {
                writer.WriteString("work_id"u8, workId);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
