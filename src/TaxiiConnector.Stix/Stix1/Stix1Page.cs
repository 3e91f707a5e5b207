using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>
/// One page of converted STIX 2.1 objects, written as a UTF-8 JSON array while packages are added. Identities and
/// observables shared by several indicators of the page are written once. <see cref="ToJsonDocument"/> ends the page.
/// </summary>
public sealed class Stix1Page : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stix1Converter _converter;
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _skipReasons = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unconvertibleMarkings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _notConverted = new(StringComparer.Ordinal);
    private List<string>? _packageRefs;
    private bool _completed;

    internal Stix1Page(Stix1Converter converter)
    {
        _converter = converter;
        _writer = new Utf8JsonWriter(_buffer, WriterOptions);
        _writer.WriteStartArray();
    }

    public int ObjectCount { get; private set; }

    public int IndicatorCount { get; private set; }

    /// <summary>Indicators that could not be converted.</summary>
    public int SkippedCount { get; private set; }

    /// <summary>How many indicators were skipped, per reason.</summary>
    public IReadOnlyDictionary<string, int> SkipReasons => _skipReasons;

    /// <summary>Converts every indicator of a STIX 1 package (or a bare indicator) into this page.</summary>
    public void AddPackage(XElement package)
    {
        ArgumentNullException.ThrowIfNull(package);
        ObjectDisposedException.ThrowIf(_completed, this);
        _converter.Convert(package, this);
    }

    /// <summary>Counts content the caller could not even hand over (a block that is not STIX 1 XML).</summary>
    public void Skip(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        SkippedCount++;
        _skipReasons[reason] = _skipReasons.GetValueOrDefault(reason) + 1;
    }

    /// <summary>Markings that could not be converted (by name), each reported once per page.</summary>
    public IReadOnlyCollection<string> UnconvertibleMarkings => _unconvertibleMarkings;

    internal void UnconvertibleMarking(string name) => _unconvertibleMarkings.Add(name);

    /// <summary>STIX 1 elements (TTPs, campaigns, exploit targets, ...) that were not converted, per element type.</summary>
    public IReadOnlyDictionary<string, int> NotConverted => _notConverted;

    internal void NotConvertedElement(string elementType) => _notConverted[elementType] = _notConverted.GetValueOrDefault(elementType) + 1;

    /// <summary>Starts collecting the ids of what one package converts (for its report), written or already on the page.</summary>
    internal List<string> BeginPackage() => _packageRefs = [];

    /// <summary>References an observable and everything it brings (its references and related observables); always true.</summary>
    private bool Reference(Stix1Observable observable)
    {
        foreach (var reference in observable.References)
        {
            Reference(reference);
        }

        Reference(observable.Id);
        foreach (var related in observable.Related)
        {
            Reference(related);
        }

        return true;
    }

    private void Reference(string id)
    {
        if (_packageRefs is not null && !_packageRefs.Contains(id, StringComparer.Ordinal))
        {
            _packageRefs.Add(id);
        }
    }

    /// <summary>Writes a converted object (built as a JSON object) once per page, with its markings.</summary>
    internal void WriteObject(JsonObject stixObject, Stix1MarkingSet markings, DateTimeOffset created, bool referenced = true)
    {
        var id = (string)stixObject["id"]!;
        if (referenced)
        {
            Reference(id);
        }

        if (!_written.Add(id))
        {
            return;
        }

        WriteMarkingDefinitions(markings, created);
        if (markings.Ids.Count > 0)
        {
            stixObject["object_marking_refs"] = new JsonArray([.. markings.Ids.Select(m => (JsonNode)m)]);
        }

        stixObject.WriteTo(_writer);
        ObjectCount++;
    }

    /// <summary>Ends the page: a document whose root is the array of objects. Call once.</summary>
    public JsonDocument ToJsonDocument()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _completed = true;
        _writer.WriteEndArray();
        _writer.Flush();
        _writer.Dispose();
        // The document reads the page's own buffer (no copy); the buffer lives as long as the document.
        return JsonDocument.Parse(_buffer.WrittenMemory);
    }

    public void Dispose()
    {
        _completed = true;
        _writer.Dispose();
    }

    internal void Write(Stix1ConvertedIndicator indicator, bool createObservables)
    {
        WriteMarkingDefinitions(indicator.Markings, indicator.Created);
        string? authorId = null;
        if (indicator.AuthorName is { } author && !string.IsNullOrWhiteSpace(author))
        {
            authorId = Stix1Ids.Identity(author);
            Reference(authorId);
            if (_written.Add(authorId))
            {
                WriteIdentity(authorId, author.Trim(), indicator);
            }
        }

        Reference(indicator.Id);
        WriteIndicator(indicator, authorId);
        IndicatorCount++;
        if (!createObservables)
        {
            return;
        }

        foreach (var observable in indicator.Pattern.Observables)
        {
            var observableId = observable.Id;
            if (Reference(observable) && _written.Add(observableId))
            {
                WriteObservable(observable, observableId, indicator, authorId);
            }

            var relationshipId = Stix1Ids.Relationship("based-on", indicator.Id, observableId);
            Reference(relationshipId);
            if (_written.Add(relationshipId))
            {
                WriteBasedOn(relationshipId, indicator, observableId, authorId);
            }
        }
    }

    private void WriteIdentity(string id, string name, Stix1ConvertedIndicator indicator)
    {
        var w = _writer;
        w.WriteStartObject();
        WriteCommon(w, "identity", id, indicator.Created);
        w.WriteString("name", name);
        w.WriteString("identity_class", "organization");
        WriteMarkings(w, indicator.Markings);
        w.WriteEndObject();
        ObjectCount++;
    }

    private void WriteIndicator(Stix1ConvertedIndicator indicator, string? authorId)
    {
        var w = _writer;
        w.WriteStartObject();
        WriteCommon(w, "indicator", indicator.Id, indicator.Created);
        w.WriteString("name", indicator.Name);
        if (indicator.Description is { } description)
        {
            w.WriteString("description", description);
        }

        if (indicator.IndicatorType is { } type)
        {
            w.WriteStartArray("indicator_types");
            w.WriteStringValue(type);
            w.WriteEndArray();
        }

        w.WriteString("pattern", indicator.Pattern.Pattern);
        w.WriteString("pattern_type", "stix");
        w.WriteString("pattern_version", "2.1");
        w.WriteString("valid_from", Stix1Converter.FormatTimestamp(indicator.ValidFrom));
        if (indicator.ValidUntil is { } validUntil)
        {
            w.WriteString("valid_until", Stix1Converter.FormatTimestamp(validUntil));
        }

        if (indicator.Confidence is { } confidence)
        {
            w.WriteNumber("confidence", confidence);
        }

        if (indicator.Labels.Count > 0)
        {
            w.WriteStartArray("labels");
            foreach (var label in indicator.Labels)
            {
                w.WriteStringValue(label);
            }

            w.WriteEndArray();
        }

        if (authorId is not null)
        {
            w.WriteString("created_by_ref", authorId);
        }

        WriteMarkings(w, indicator.Markings);
        if (indicator.References.Count > 0)
        {
            w.WriteStartArray("external_references");
            foreach (var (source, url, text) in indicator.References)
            {
                w.WriteStartObject();
                w.WriteString("source_name", source);
                if (url is not null)
                {
                    w.WriteString("url", url);
                }

                if (text is not null)
                {
                    w.WriteString("description", text);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (indicator.Score is { } score)
        {
            w.WriteNumber("x_opencti_score", score);
        }

        w.WriteString("x_opencti_main_observable_type", indicator.Pattern.MainObservableType);
        w.WriteEndObject();
        ObjectCount++;
    }

    private void WriteObservable(Stix1Observable observable, string id, Stix1ConvertedIndicator indicator, string? authorId)
    {
        foreach (var reference in observable.References)
        {
            if (_written.Add(reference.Id))
            {
                WriteObservable(reference, reference.Id, indicator, authorId);
            }
        }

        var w = _writer;
        w.WriteStartObject();
        w.WriteString("type", observable.Type);
        w.WriteString("spec_version", "2.1");
        w.WriteString("id", id);
        foreach (var (name, value) in observable.Properties)
        {
            w.WritePropertyName(name);
            if (value is null)
            {
                w.WriteNullValue();
            }
            else
            {
                value.WriteTo(w);
            }
        }

        WriteMarkings(w, indicator.Markings);
        if (indicator.Score is { } score)
        {
            w.WriteNumber("x_opencti_score", score);
        }

        if (authorId is not null)
        {
            w.WriteString("x_opencti_created_by_ref", authorId);
        }

        w.WriteEndObject();
        ObjectCount++;
        foreach (var related in observable.Related)
        {
            if (_written.Add(related.Id))
            {
                WriteObservable(related, related.Id, indicator, authorId);
            }

            var relationshipId = Stix1Ids.Relationship("related-to", id, related.Id);
            Reference(relationshipId);
            if (_written.Add(relationshipId))
            {
                WriteRelationship(relationshipId, "related-to", id, related.Id, indicator, authorId);
            }
        }
    }

    private void WriteBasedOn(string id, Stix1ConvertedIndicator indicator, string observableId, string? authorId) =>
        WriteRelationship(id, "based-on", indicator.Id, observableId, indicator, authorId);

    private void WriteRelationship(string id, string type, string sourceRef, string targetRef, Stix1ConvertedIndicator indicator, string? authorId)
    {
        var w = _writer;
        w.WriteStartObject();
        WriteCommon(w, "relationship", id, indicator.Created);
        w.WriteString("relationship_type", type);
        w.WriteString("source_ref", sourceRef);
        w.WriteString("target_ref", targetRef);
        if (authorId is not null)
        {
            w.WriteString("created_by_ref", authorId);
        }

        WriteMarkings(w, indicator.Markings);
        w.WriteEndObject();
        ObjectCount++;
    }

    private static void WriteCommon(Utf8JsonWriter w, string type, string id, DateTimeOffset created)
    {
        w.WriteString("type", type);
        w.WriteString("spec_version", "2.1");
        w.WriteString("id", id);
        var stamp = Stix1Converter.FormatTimestamp(created);
        w.WriteString("created", stamp);
        w.WriteString("modified", stamp);
    }

    private static void WriteMarkings(Utf8JsonWriter w, Stix1MarkingSet markings)
    {
        if (markings.Ids.Count == 0)
        {
            return;
        }

        w.WriteStartArray("object_marking_refs");
        foreach (var id in markings.Ids)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
    }

    /// <summary>The statement marking-definitions an object references, each written once per page before its first use.</summary>
    private void WriteMarkingDefinitions(Stix1MarkingSet markings, DateTimeOffset created)
    {
        foreach (var statement in markings.Statements)
        {
            if (!_written.Add(statement.Id))
            {
                continue;
            }

            var w = _writer;
            w.WriteStartObject();
            w.WriteString("type", "marking-definition");
            w.WriteString("spec_version", "2.1");
            w.WriteString("id", statement.Id);
            w.WriteString("created", Stix1Converter.FormatTimestamp(created));
            w.WriteString("definition_type", "statement");
            w.WriteString("name", statement.Statement);
            w.WriteStartObject("definition");
            w.WriteString("statement", statement.Statement);
            w.WriteEndObject();
            w.WriteString("x_opencti_definition_type", "statement");
            w.WriteString("x_opencti_definition", statement.Statement);
            w.WriteEndObject();
            ObjectCount++;
        }
    }
}
