using System.Text.Json;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Server.Storage;

/// <summary>
/// Reads the objects of a STIX 2.1 bundle (or a TAXII envelope: anything with an <c>objects</c> array) for a store.
/// A file carries each object's <c>date_added</c> in the custom property <c>x_taxii_date_added</c>, which the reader takes
/// out of the object: a TAXII server serves <c>date_added</c> as metadata, never inside the STIX object.
/// An object without it falls back to its <c>modified</c>, then <c>created</c>, then the caller's fallback.
/// </summary>
public static class StixBundleReader
{
    /// <summary>The custom property a data file uses to say when the server "stored" an object.</summary>
    public const string DateAddedProperty = "x_taxii_date_added";

    public static IReadOnlyList<BundleEntry> Read(ReadOnlySpan<byte> bundleJson, DateTimeOffset fallbackDateAdded)
    {
        var reader = new Utf8JsonReader(bundleJson, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("objects", out var objects)
            || objects.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("A bundle needs an 'objects' array.");
        }

        var entries = new List<BundleEntry>(objects.GetArrayLength());
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        foreach (var stixObject in objects.EnumerateArray())
        {
            if (stixObject.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("Every entry of 'objects' must be a JSON object.");
            }

            var dateAdded = ReadTimestamp(stixObject, DateAddedProperty)
                ?? ReadTimestamp(stixObject, "modified")
                ?? ReadTimestamp(stixObject, "created")
                ?? fallbackDateAdded;

            buffer.Clear();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var property in stixObject.EnumerateObject())
                {
                    if (!property.NameEquals(DateAddedProperty))
                    {
                        property.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            entries.Add(new BundleEntry(buffer.WrittenSpan.ToArray(), dateAdded));
        }

        return entries;
    }

    private static DateTimeOffset? ReadTimestamp(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return TaxiiTimestamp.TryParseWithZone(value.GetString(), out var parsed)
            ? parsed
            : throw new FormatException($"'{name}' is not an RFC 3339 timestamp: {value.GetString()}");
    }
}

/// <summary>One object of a bundle: its JSON without the file's date-added property, and when the server "stored" it.</summary>
public sealed record BundleEntry(ReadOnlyMemory<byte> Json, DateTimeOffset DateAdded);
