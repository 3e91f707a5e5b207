using System.Text;
using System.Text.Json;

namespace TaxiiConnector.Pipeline.Cleanup;

/// <summary>What kind of top-level property a <see cref="ReferenceField"/> is.</summary>
internal enum ReferenceFieldKind
{
    /// <summary><c>*_ref</c>: one id (or null).</summary>
    Ref,

    /// <summary><c>*_refs</c>: a list of ids.</summary>
    Refs,

    /// <summary><c>external_references</c>: embedded objects, de-duplicated by url or by source name and external id.</summary>
    ExternalReferences,

    /// <summary><c>kill_chain_phases</c>: embedded objects, de-duplicated by kill chain and phase name.</summary>
    KillChainPhases,
}

/// <summary>
/// One top-level property of an object that the platform's splitter looks at, with where its value lies in the object's
/// UTF-8 JSON (so an edit splices only that value) and its current value (which the clean-up edits).
/// </summary>
internal sealed class ReferenceField
{
    public ReferenceField(ReferenceFieldKind kind, string name, int valueStart, int valueEnd)
    {
        Kind = kind;
        Name = name;
        ValueStart = valueStart;
        ValueEnd = valueEnd;
    }

    public ReferenceFieldKind Kind { get; }

    public string Name { get; }

    public int ValueStart { get; }

    public int ValueEnd { get; }

    /// <summary><see cref="ReferenceFieldKind.Ref"/>: the id as read (null when JSON null or not a string).</summary>
    public string? OriginalRef { get; init; }

    /// <summary><see cref="ReferenceFieldKind.Ref"/>: the value is something other than a string or null (left alone).</summary>
    public bool IsOpaque { get; init; }

    /// <summary><see cref="ReferenceFieldKind.Ref"/>: the value now (null once the clean-up nulled it).</summary>
    public string? Ref { get; set; }

    /// <summary><see cref="ReferenceFieldKind.Refs"/>: the ids as read, and the raw JSON of each (for rewriting).</summary>
    public List<string>? OriginalRefs { get; init; }

    public List<(int Start, int End)>? RefSpans { get; init; }

    /// <summary><see cref="ReferenceFieldKind.Refs"/>: the list now.</summary>
    public List<string>? Refs { get; set; }

    /// <summary>Embedded objects: the raw span of each and its identity key (null: it has none, and is dropped).</summary>
    public List<(int Start, int End, string? Key)>? Entries { get; init; }

    /// <summary>Embedded objects kept, by position in <see cref="Entries"/>.</summary>
    public List<int>? KeptEntries { get; set; }
}

/// <summary>
/// The top-level properties of one STIX object that matter to the platform's splitter (references, external references,
/// kill chain phases, OpenCTI's alternative ids), read in one pass with <see cref="Utf8JsonReader"/>.
/// </summary>
internal sealed class StixObjectFields
{
    private StixObjectFields(List<ReferenceField> fields, string? id, string? type, string? openCtiId, string? extensionId)
    {
        Fields = fields;
        Id = id;
        Type = type;
        OpenCtiId = openCtiId;
        ExtensionId = extensionId;
    }

    /// <summary>The fields of interest in the object's property order (the order the splitter walks them).</summary>
    public List<ReferenceField> Fields { get; }

    public string? Id { get; }

    public string? Type { get; }

    /// <summary><c>x_opencti_id</c>, another id the object is known by.</summary>
    public string? OpenCtiId { get; }

    /// <summary>The id in OpenCTI's own extension, another id the object is known by.</summary>
    public string? ExtensionId { get; }

    /// <summary>Every id value of <c>*_ref</c> and <c>*_refs</c>, as read.</summary>
    public IEnumerable<string> ReferencedIds()
    {
        foreach (var field in Fields)
        {
            if (field.OriginalRef is { } single)
            {
                yield return single;
            }
            else if (field.OriginalRefs is { } list)
            {
                foreach (var id in list)
                {
                    yield return id;
                }
            }
        }
    }

    /// <summary>Reads the object; null when it is not a JSON object. Ids come from <paramref name="ids"/> when given.</summary>
    public static StixObjectFields? Read(ReadOnlySpan<byte> json, IdStringPool? ids = null)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var fields = new List<ReferenceField>(4);
        string? id = null;
        string? type = null;
        string? openCtiId = null;
        string? extensionId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            var escaped = reader.ValueIsEscaped;
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            if (escaped)
            {
                reader.Skip();
                continue;
            }

            if (name.EndsWith("_refs"u8) && reader.TokenType == JsonTokenType.StartArray)
            {
                var refs = new List<string>();
                var spans = new List<(int, int)>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        refs.Add(ReadString(ref reader, ids));
                        spans.Add((start, (int)reader.BytesConsumed));
                    }
                    else
                    {
                        // Not an id: kept as it is, never followed.
                        reader.Skip();
                    }
                }

                // The clean-up replaces Refs with a new list when it walks it, never edits it in place: both can start as one.
                fields.Add(new ReferenceField(ReferenceFieldKind.Refs, FieldName(name), valueStart, (int)reader.BytesConsumed)
                {
                    OriginalRefs = refs,
                    RefSpans = spans,
                    Refs = refs,
                });
            }
            else if (name.EndsWith("_ref"u8))
            {
                var value = reader.TokenType == JsonTokenType.String ? ReadString(ref reader, ids) : null;
                var opaque = reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null);
                reader.Skip();
                fields.Add(new ReferenceField(ReferenceFieldKind.Ref, FieldName(name), valueStart, (int)reader.BytesConsumed)
                {
                    OriginalRef = value,
                    Ref = value,
                    IsOpaque = opaque,
                });
            }
            else if (reader.TokenType == JsonTokenType.StartArray && name.SequenceEqual("external_references"u8))
            {
                fields.Add(ReadEmbedded(ref reader, ReferenceFieldKind.ExternalReferences, "external_references", valueStart, json));
            }
            else if (reader.TokenType == JsonTokenType.StartArray && name.SequenceEqual("kill_chain_phases"u8))
            {
                fields.Add(ReadEmbedded(ref reader, ReferenceFieldKind.KillChainPhases, "kill_chain_phases", valueStart, json));
            }
            else if (reader.TokenType == JsonTokenType.String && name.SequenceEqual("id"u8))
            {
                id = ReadString(ref reader, ids);
            }
            else if (reader.TokenType == JsonTokenType.String && name.SequenceEqual("type"u8))
            {
                type = ReadString(ref reader, ids);
            }
            else if (reader.TokenType == JsonTokenType.String && name.SequenceEqual("x_opencti_id"u8))
            {
                openCtiId = reader.GetString();
            }
            else if (reader.TokenType == JsonTokenType.StartObject && name.SequenceEqual("extensions"u8))
            {
                if (OpenCtiExtensionId.TryFind(ref reader, out var extensionIdValue))
                {
                    extensionId = extensionIdValue.GetString();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return new StixObjectFields(fields, id, type, openCtiId, extensionId);
    }

    private static string ReadString(ref Utf8JsonReader reader, IdStringPool? ids) =>
        ids is null ? reader.GetString()! : ids.Read(ref reader);

    /// <summary>The reference properties every page repeats, named without allocating; any other name is read.</summary>
    private static string FieldName(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("created_by_ref"u8) => "created_by_ref",
        _ when name.SequenceEqual("object_marking_refs"u8) => "object_marking_refs",
        _ when name.SequenceEqual("object_refs"u8) => "object_refs",
        _ when name.SequenceEqual("source_ref"u8) => "source_ref",
        _ when name.SequenceEqual("target_ref"u8) => "target_ref",
        _ when name.SequenceEqual("sighting_of_ref"u8) => "sighting_of_ref",
        _ when name.SequenceEqual("where_sighted_refs"u8) => "where_sighted_refs",
        _ when name.SequenceEqual("sample_refs"u8) => "sample_refs",
        _ => Encoding.UTF8.GetString(name),
    };

    private static ReferenceField ReadEmbedded(ref Utf8JsonReader reader, ReferenceFieldKind kind, string name, int valueStart, ReadOnlySpan<byte> json)
    {
        var entries = new List<(int, int, string?)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                entries.Add((start, (int)reader.BytesConsumed, "\0opaque" + start));
                continue;
            }

            string? first = null;
            string? second = null;
            string? third = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.ValueSpan;
                var slot = kind == ReferenceFieldKind.ExternalReferences
                    ? (property.SequenceEqual("url"u8) ? 1 : property.SequenceEqual("source_name"u8) ? 2 : property.SequenceEqual("external_id"u8) ? 3 : 0)
                    : (property.SequenceEqual("kill_chain_name"u8) ? 1 : property.SequenceEqual("phase_name"u8) ? 2 : 0);
                reader.Read();
                var valueStart2 = (int)reader.TokenStartIndex;
                reader.Skip();
                if (slot == 0)
                {
                    // Only the identity's parts are read as text; descriptions and the rest are skipped.
                    continue;
                }

                var raw = reader.TokenType == JsonTokenType.Null ? null : Encoding.UTF8.GetString(json[valueStart2..(int)reader.BytesConsumed]);
                switch (slot)
                {
                    case 1:
                        first = raw;
                        break;
                    case 2:
                        second = raw;
                        break;
                    default:
                        third = raw;
                        break;
                }
            }

            entries.Add((start, (int)reader.BytesConsumed, IdentityKey(kind, first, second, third)));
        }

        return new ReferenceField(kind, name, valueStart, (int)reader.BytesConsumed) { Entries = entries };
    }

    /// <summary>
    /// What the platform's client derives each embedded object's deterministic id from: an external reference by its url,
    /// else by source name and external id (none: no id, and the splitter drops it); a kill chain phase by both names.
    /// </summary>
    private static string? IdentityKey(ReferenceFieldKind kind, string? first, string? second, string? third)
    {
        if (kind == ReferenceFieldKind.KillChainPhases)
        {
            return "k" + (first ?? "null") + "\0" + (second ?? "null");
        }

        if (first is not null)
        {
            return "u" + first;
        }

        return second is not null && third is not null ? "s" + second + "\0" + third : null;
    }
}
