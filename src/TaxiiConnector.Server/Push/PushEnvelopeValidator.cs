using System.Text.Json;

namespace TaxiiConnector.Server.Push;

/// <summary>
/// Checks a POSTed body before it is spooled: a JSON object with a non-empty <c>objects</c> array (a TAXII envelope, or a
/// STIX bundle from a lenient client) whose entries are STIX objects with a <c>type</c> and a matching <c>id</c>.
/// </summary>
internal static class PushEnvelopeValidator
{
    public static bool TryValidate(ReadOnlyMemory<byte> body, DateTimeOffset requestTimestamp, out IReadOnlyList<PushObjectRef> objects, out string? error)
    {
        objects = [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            error = $"The body is not JSON: {e.Message}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "The body must be a TAXII envelope: a JSON object.";
                return false;
            }

            if (!root.TryGetProperty("objects", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                error = "The envelope needs a non-empty 'objects' array.";
                return false;
            }

            var index = 0;
            foreach (var stixObject in array.EnumerateArray())
            {
                if (!IsStixObject(stixObject, out var problem))
                {
                    error = $"objects[{index}]: {problem}";
                    return false;
                }

                index++;
            }

            objects = TaxiiPushSpool.ReadObjectRefs(array, requestTimestamp);
            error = null;
            return true;
        }
    }

    private static bool IsStixObject(JsonElement stixObject, out string? problem)
    {
        problem = null;
        if (stixObject.ValueKind != JsonValueKind.Object)
        {
            problem = "not a JSON object.";
            return false;
        }

        if (!stixObject.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(type.GetString()))
        {
            problem = "no 'type'.";
            return false;
        }

        if (!stixObject.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
            || !id.GetString()!.StartsWith(type.GetString() + "--", StringComparison.Ordinal))
        {
            problem = "no 'id' of the form <type>--<uuid>.";
            return false;
        }

        return true;
    }
}
