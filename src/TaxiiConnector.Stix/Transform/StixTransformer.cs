using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Stix.Buffers;
using TaxiiConnector.Stix.Ids;
using TaxiiConnector.Stix.Markings;
using TaxiiConnector.Stix.Patterns;
using TaxiiConnector.Stix.Vocabulary;

namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// Applies every object-processing rule of OpenCTI's Python TAXII2 connector (reference/opencti.md §3.6, in its order),
/// with its bugs fixed, to a page of STIX 2.x objects. Objects are read as <see cref="JsonElement"/> and written once
/// with <see cref="Utf8JsonWriter"/> into a pooled buffer; untouched properties are copied as they are.
/// Thread-safe: one instance serves every page of a source.
/// </summary>
public sealed class StixTransformer
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Patterns are full of quotes and '+': the default encoder would inflate them to \u0027 / \u002B.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly StixTransformerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly HashSet<string>? _ignorePatternTypes;
    private readonly HashSet<string>? _ignoreObjectTypes;
    private readonly string[] _ignorePatterns;
    private readonly string[] _ignoreNotes;
    private readonly Regex[] _excludeLabels;
    private readonly KeyValuePair<string, string>[] _labelReplacements;
    private readonly HashSet<string> _highLabels;
    private readonly HashSet<string> _mediumLabels;
    private readonly HashSet<string> _lowLabels;
    private readonly string? _customLabel;
    private readonly byte[]? _customPropertyName;
    private readonly bool _rewritesLabels;
    private readonly string? _authorId;
    private readonly TlpMarking? _defaultMarking;
    private readonly string? _workflowId;
    private readonly SharedStixObject[] _sharedObjects;

    /// <exception cref="ArgumentException">The options are invalid (see <see cref="StixTransformerOptionsValidator"/>).</exception>
    public StixTransformer(StixTransformerOptions options, ILogger<StixTransformer> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var problems = StixTransformerOptionsValidator.Problems(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid transformer options: " + string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;

        // An empty list switches a filter off (the Python connector's [""] matches everything).
        _ignorePatternTypes = SetOrNull(options.IgnorePatternTypes);
        _ignoreObjectTypes = SetOrNull(options.IgnoreObjectTypes);
        _ignorePatterns = NonEmpty(options.IgnoreSpecificPatterns);
        _ignoreNotes = NonEmpty(options.IgnoreSpecificNotes);
        _excludeLabels = [.. NonEmpty(options.ExcludeLabelPatterns)
            .Select(p => new Regex(p, RegexOptions.CultureInvariant, StixTransformerOptionsValidator.RegexTimeout))];
        _labelReplacements = [.. options.LabelReplacements];
        _highLabels = new HashSet<string>(NonEmpty(options.HighScoreLabels), StringComparer.OrdinalIgnoreCase);
        _mediumLabels = new HashSet<string>(NonEmpty(options.MediumScoreLabels), StringComparer.OrdinalIgnoreCase);
        _lowLabels = new HashSet<string>(NonEmpty(options.LowScoreLabels), StringComparer.OrdinalIgnoreCase);
        _customLabel = options.AddCustomLabel ? options.CustomLabel!.Trim() : null;
        _customPropertyName = options.StixCustomPropertyToLabel ? Encoding.UTF8.GetBytes(options.StixCustomProperty!.Trim()) : null;
        _rewritesLabels = _customLabel is not null || _customPropertyName is not null || _excludeLabels.Length > 0 || _labelReplacements.Length > 0;
        _workflowId = string.IsNullOrWhiteSpace(options.ReportStatusWorkflowId) ? null : options.ReportStatusWorkflowId.Trim();
        _defaultMarking = TlpMarking.TryParse(options.DefaultMarking, out var marking) ? marking : null;

        var shared = new List<SharedStixObject>(2);
        if (options.CreateAuthor)
        {
            _authorId = OpenCtiIds.Identity(options.AuthorName!, "organization");
            shared.Add(new SharedStixObject(_authorId, "identity", BuildAuthor(options, _authorId, _timeProvider.GetUtcNow())));
        }

        if (_defaultMarking?.DefinitionJson is { } definition)
        {
            shared.Add(new SharedStixObject(_defaultMarking.Id, "marking-definition", Encoding.UTF8.GetBytes(definition)));
        }

        _sharedObjects = [.. shared];
    }

    /// <summary>The author identity id (<c>identity--…</c>) when <c>CreateAuthor</c> is on.</summary>
    public string? AuthorId => _authorId;

    /// <summary>Objects each bundle carries once (author identity, default marking definition when not predefined).</summary>
    public IReadOnlyList<SharedStixObject> SharedObjects => _sharedObjects;

    /// <summary>
    /// Transforms one page. Invalid entries are dropped one by one (counted, logged); filtered objects are dropped
    /// (counted); the rest is written out. Never throws for bad content.
    /// </summary>
    public TransformedPage Transform(IReadOnlyList<JsonElement> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        long estimate = 256;
        for (var i = 0; i < objects.Count; i++)
        {
            estimate += JsonMarshal.GetRawUtf8Value(objects[i]).Length + 64;
        }

        if (_options.SaveOriginalIndicatorIdToNote)
        {
            estimate += objects.Count * 64L;
        }

        var buffer = new PooledByteBufferWriter((int)Math.Min(estimate + (estimate / 8), Array.MaxLength));
        var slots = new List<TransformedPage.ObjectSlot>(objects.Count);
        var dropped = new List<DroppedObject>();
        var entityTypes = new HashSet<string>(StringComparer.Ordinal);
        var scratch = new Scratch();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            for (var i = 0; i < objects.Count; i++)
            {
                TransformOne(objects[i], i, writer, buffer, slots, dropped, entityTypes, scratch);
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }

        Log.PageTransformed(_logger, objects.Count, slots.Count, dropped.Count);
        return new TransformedPage(objects.Count, buffer, slots, dropped, entityTypes, _sharedObjects);
    }

    private void TransformOne(
        JsonElement element,
        int index,
        Utf8JsonWriter writer,
        PooledByteBufferWriter buffer,
        List<TransformedPage.ObjectSlot> slots,
        List<DroppedObject> dropped,
        HashSet<string> entityTypes,
        Scratch scratch)
    {
        // Rule 15: invalid entries go one by one; the rest of the page goes on.
        if (element.ValueKind != JsonValueKind.Object)
        {
            Drop(dropped, new DroppedObject(index, null, DropReason.NotAnObject, "a JSON " + element.ValueKind.ToString().ToLowerInvariant()));
            return;
        }

        var facts = Facts.Read(element, _customPropertyName, scratch.Properties);
        if (facts.Type.ValueKind != JsonValueKind.String || facts.Type.ValueEquals(ReadOnlySpan<byte>.Empty))
        {
            Drop(dropped, new DroppedObject(index, facts.Id.ValueKind == JsonValueKind.String ? facts.Id.GetString() : null, DropReason.MissingType, "no 'type' string"));
            return;
        }

        var type = facts.Type.GetString()!;
        if (facts.Id.ValueKind != JsonValueKind.String)
        {
            Drop(dropped, new DroppedObject(index, null, DropReason.MissingId, $"a '{Truncate(type)}' without an 'id' string"));
            return;
        }

        var id = facts.Id.GetString()!;
        if (!StixId.IsValidFor(id, type))
        {
            Drop(dropped, new DroppedObject(index, id, DropReason.MalformedId, $"the id is not '{Truncate(type)}--<uuid>'"));
            return;
        }

        var isIndicator = type == "indicator";
        var isObservable = !isIndicator && ObservableTypes.IsObservable(type);
        var isMarking = type == "marking-definition";
        var isNote = type == "note";
        var isReport = type == "report";

        string? pattern = isIndicator && facts.Pattern.ValueKind == JsonValueKind.String ? facts.Pattern.GetString() : null;
        var hasPatternType = facts.PatternType.ValueKind == JsonValueKind.String;
        var patternType = hasPatternType ? facts.PatternType.GetString() : _options.AddMissingPatternType ? "stix" : null;
        var isStixPattern = patternType is null || string.Equals(patternType, "stix", StringComparison.OrdinalIgnoreCase);

        // Rule 3: filters, in the Python order.
        if (isIndicator && _ignorePatternTypes is not null && patternType is not null && _ignorePatternTypes.Contains(patternType))
        {
            Drop(dropped, new DroppedObject(index, id, DropReason.IgnoredPatternType, "pattern_type " + patternType));
            return;
        }

        if (_ignoreObjectTypes is not null && _ignoreObjectTypes.Contains(type))
        {
            Drop(dropped, new DroppedObject(index, id, DropReason.IgnoredObjectType, "type " + type));
            return;
        }

        if (pattern is not null && ContainsAny(pattern, _ignorePatterns) is { } ignoredPattern)
        {
            Drop(dropped, new DroppedObject(index, id, DropReason.IgnoredPattern, "pattern contains '" + ignoredPattern + "'"));
            return;
        }

        if (isNote && _ignoreNotes.Length > 0 && facts.Content.ValueKind == JsonValueKind.String
            && ContainsAny(facts.Content.GetString()!, _ignoreNotes) is { } ignoredNote)
        {
            Drop(dropped, new DroppedObject(index, id, DropReason.IgnoredNote, "content contains '" + ignoredNote + "'"));
            return;
        }

        Span<int> skip = stackalloc int[12];
        var skipCount = 0;

        // Rule 1: main observable type, for every observable type OpenCTI knows.
        string? mainType = null;
        if (pattern is not null && isStixPattern && facts.MainType.ValueKind == JsonValueKind.Undefined
            && StixPatternScanner.TryGetFirstObjectType(pattern, out var objectType)
            && ObservableTypes.TryGetMainObservableType(objectType, out var found))
        {
            mainType = found;
        }

        // Rule 2: pattern_type where missing.
        var addPatternType = isIndicator && !hasPatternType && _options.AddMissingPatternType;

        // Rule 4: the flags OpenCTI reads (x_opencti_create_indicator is singular on observables).
        if (isIndicator)
        {
            Skip(ref skipCount, skip, facts.CreateObservablesIndex);
        }
        else if (isObservable)
        {
            Skip(ref skipCount, skip, facts.CreateIndicatorIndex);
        }

        // Rules 5, 6, 11, 12: labels. SDOs/SROs carry `labels`; observables get new labels in `x_opencti_labels`.
        var labelable = !isMarking && type != "extension-definition";
        var primary = scratch.Primary;
        var secondary = scratch.Secondary;
        primary.Clear();
        secondary.Clear();
        var primaryField = isObservable ? Field.XLabels : Field.Labels;
        var rewriteLabels = labelable && _rewritesLabels;
        var needLabels = labelable && (_rewritesLabels || _options.DetermineScoreByLabel);
        if (needLabels)
        {
            ReadStrings(isObservable ? facts.XLabels : facts.Labels, primary);
            if (isObservable)
            {
                ReadStrings(facts.Labels, secondary);
            }

            if (_customLabel is not null)
            {
                AddDistinct(primary, _customLabel);
            }

            if (facts.CustomProperty.ValueKind != JsonValueKind.Undefined)
            {
                AddScalars(facts.CustomProperty, primary, depth: 0);
            }
        }

        // Rule 8 (and the push endpoint's confidence copy): score.
        int? score = null;
        var hasScore = facts.Score.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        if (isIndicator && _options.CopyConfidenceToScore && !hasScore && facts.Confidence.ValueKind == JsonValueKind.Number)
        {
            score = (int)Math.Clamp(Math.Round(facts.Confidence.GetDouble()), 0, 100);
            hasScore = true;
        }

        if (_options.DetermineScoreByLabel && (isIndicator || isObservable))
        {
            if (primary.Count + secondary.Count > 0)
            {
                if (AnyIn(primary, secondary, _highLabels))
                {
                    score = _options.HighScore;
                    Skip(ref skipCount, skip, facts.ScoreIndex);
                }
                else if (!hasScore)
                {
                    score = AnyIn(primary, secondary, _mediumLabels) ? _options.MediumScore
                        : AnyIn(primary, secondary, _lowLabels) ? _options.LowScore
                        : _options.DefaultScore;
                }
            }
            else if (isIndicator && !hasScore)
            {
                score = _options.DefaultScore;
            }
        }

        if (rewriteLabels)
        {
            ApplyLabelRules(primary, id);
            ApplyLabelRules(secondary, id);
            Skip(ref skipCount, skip, isObservable ? facts.XLabelsIndex : facts.LabelsIndex);
            if (isObservable && (_excludeLabels.Length > 0 || _labelReplacements.Length > 0))
            {
                Skip(ref skipCount, skip, facts.LabelsIndex);
            }
            else
            {
                secondary.Clear();
            }
        }

        // Rule 7: force pattern as name.
        string? forcedName = null;
        if (_options.ForcePatternAsName && pattern is not null && isStixPattern)
        {
            var shape = StixPatternScanner.Analyze(pattern);
            forcedName = shape.IsCompound ? _options.ForceMultiplePatternName : shape.LastQuotedValue;
            if (forcedName is not null)
            {
                Skip(ref skipCount, skip, facts.NameIndex);
            }
        }

        // Rule 9: detection.
        var detection = isIndicator && _options.SetIndicatorAsDetection;
        if (detection)
        {
            Skip(ref skipCount, skip, facts.DetectionIndex);
        }

        // Rule 10: author, where missing (or replacing the producer's with AuthorOverride).
        var writeAuthor = false;
        if (_authorId is not null && !isMarking && !string.Equals(id, _authorId, StringComparison.Ordinal))
        {
            if (facts.CreatedByRef.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                writeAuthor = true;
                Skip(ref skipCount, skip, facts.CreatedByRefIndex);
            }
            else if (_options.AuthorOverride)
            {
                writeAuthor = true;
                Skip(ref skipCount, skip, facts.CreatedByRefIndex);
            }
        }

        // Rule 13: report status.
        var writeWorkflow = isReport && _workflowId is not null;
        if (writeWorkflow)
        {
            Skip(ref skipCount, skip, facts.WorkflowIndex);
        }

        // Rule 14: default marking where the object has none.
        var hasMarkings = facts.Markings.ValueKind == JsonValueKind.Array && facts.Markings.GetArrayLength() > 0;
        var writeMarking = _defaultMarking is not null && !isMarking && !hasMarkings;
        if (writeMarking)
        {
            Skip(ref skipCount, skip, facts.MarkingsIndex);
        }

        var start = buffer.WrittenCount;
        writer.Reset();
        writer.WriteStartObject();
        var skipped = skip[..skipCount];
        var properties = scratch.Properties;
        for (var position = 0; position < properties.Count; position++)
        {
            if (skipped.IndexOf(position) < 0)
            {
                CopyProperty(writer, properties[position]);
            }
        }

        if (mainType is not null)
        {
            writer.WriteString("x_opencti_main_observable_type"u8, mainType);
        }

        if (addPatternType)
        {
            writer.WriteString("pattern_type"u8, "stix"u8);
        }

        if (isIndicator)
        {
            writer.WriteBoolean("x_opencti_create_observables"u8, _options.CreateObservables);
        }
        else if (isObservable)
        {
            writer.WriteBoolean("x_opencti_create_indicator"u8, _options.CreateIndicators);
        }

        if (rewriteLabels)
        {
            WriteLabels(writer, primaryField == Field.XLabels ? "x_opencti_labels"u8 : "labels"u8, primary);
            WriteLabels(writer, "labels"u8, secondary);
        }

        if (forcedName is not null)
        {
            writer.WriteString("name"u8, forcedName);
        }

        if (score is { } value)
        {
            writer.WriteNumber("x_opencti_score"u8, value);
        }

        if (detection)
        {
            writer.WriteBoolean("x_opencti_detection"u8, true);
        }

        if (writeAuthor)
        {
            writer.WriteString("created_by_ref"u8, _authorId);
        }

        if (writeWorkflow)
        {
            writer.WriteString("x_opencti_workflow_id"u8, _workflowId);
        }

        if (writeMarking)
        {
            writer.WriteStartArray("object_marking_refs"u8);
            writer.WriteStringValue(_defaultMarking!.Id);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.Flush();
        slots.Add(new TransformedPage.ObjectSlot(start, buffer.WrittenCount - start, type, id, index));
        entityTypes.Add(type);

        // Rule 12: the original indicator id, in a note whose id depends only on that content.
        if (isIndicator && _options.SaveOriginalIndicatorIdToNote)
        {
            WriteOriginalIdNote(writer, buffer, slots, entityTypes, id, facts, hasMarkings);
        }
    }

    private void WriteOriginalIdNote(
        Utf8JsonWriter writer,
        PooledByteBufferWriter buffer,
        List<TransformedPage.ObjectSlot> slots,
        HashSet<string> entityTypes,
        string indicatorId,
        in Facts facts,
        bool indicatorHasMarkings)
    {
        var noteId = OpenCtiIds.Note(indicatorId);
        var start = buffer.WrittenCount;
        writer.Reset();
        writer.WriteStartObject();
        writer.WriteString("type"u8, "note"u8);
        writer.WriteString("spec_version"u8, "2.1"u8);
        writer.WriteString("id"u8, noteId);
        // The indicator's own creation date keeps the note identical across re-fetches.
        if (facts.Created.ValueKind == JsonValueKind.String)
        {
            writer.WritePropertyName("created"u8);
            facts.Created.WriteTo(writer);
            writer.WritePropertyName("modified"u8);
            facts.Created.WriteTo(writer);
        }
        else
        {
            var now = FormatTimestamp(_timeProvider.GetUtcNow());
            writer.WriteString("created"u8, now);
            writer.WriteString("modified"u8, now);
        }

        writer.WriteString("abstract"u8, _options.OriginalIndicatorIdNoteAbstract);
        writer.WriteString("content"u8, indicatorId);
        writer.WriteStartArray("object_refs"u8);
        writer.WriteStringValue(indicatorId);
        writer.WriteEndArray();
        if (_authorId is not null)
        {
            writer.WriteString("created_by_ref"u8, _authorId);
        }

        if (indicatorHasMarkings)
        {
            writer.WritePropertyName("object_marking_refs"u8);
            facts.Markings.WriteTo(writer);
        }
        else if (_defaultMarking is not null)
        {
            writer.WriteStartArray("object_marking_refs"u8);
            writer.WriteStringValue(_defaultMarking.Id);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.Flush();
        slots.Add(new TransformedPage.ObjectSlot(start, buffer.WrittenCount - start, "note", noteId, -1));
        entityTypes.Add("note");
    }

    private void ApplyLabelRules(List<string> labels, string id)
    {
        if (labels.Count == 0)
        {
            return;
        }

        for (var i = labels.Count - 1; i >= 0; i--)
        {
            var label = labels[i];
            if (IsExcluded(label, id))
            {
                labels.RemoveAt(i);
                continue;
            }

            foreach (var (find, replace) in _labelReplacements)
            {
                label = label.Replace(find, replace, StringComparison.Ordinal);
            }

            if (label.Length == 0)
            {
                labels.RemoveAt(i);
            }
            else
            {
                labels[i] = label;
            }
        }

        // A replacement can make two labels equal: keep the first.
        for (var i = labels.Count - 1; i > 0; i--)
        {
            if (labels.IndexOf(labels[i]) < i)
            {
                labels.RemoveAt(i);
            }
        }
    }

    private bool IsExcluded(string label, string id)
    {
        foreach (var regex in _excludeLabels)
        {
            try
            {
                if (regex.IsMatch(label))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                Log.LabelRegexTimedOut(_logger, regex.ToString(), id);
            }
        }

        return false;
    }

    private void Drop(List<DroppedObject> dropped, DroppedObject entry)
    {
        dropped.Add(entry);
        if (entry.Reason.IsInvalidInput())
        {
            Log.InvalidObjectDropped(_logger, entry.SourceIndex, Truncate(entry.Id ?? "no id"), entry.Reason.ToLabel(), entry.Detail);
        }
        else
        {
            Log.FilteredObjectDropped(_logger, entry.Id ?? "no id", entry.Reason.ToLabel(), entry.Detail);
        }
    }

    /// <summary>Copies a property as the producer wrote it: raw bytes, no decoding and re-encoding of its value.</summary>
    private static void CopyProperty(Utf8JsonWriter writer, JsonProperty property)
    {
        var name = JsonMarshal.GetRawUtf8PropertyName(property);
        if (name.IndexOf((byte)'\\') >= 0)
        {
            property.WriteTo(writer);
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(property.Value), skipInputValidation: true);
    }

    private static void Skip(ref int count, Span<int> skip, int index)
    {
        if (index >= 0 && count < skip.Length && skip[..count].IndexOf(index) < 0)
        {
            skip[count++] = index;
        }
    }

    private static void WriteLabels(Utf8JsonWriter writer, ReadOnlySpan<byte> name, List<string> labels)
    {
        if (labels.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var label in labels)
        {
            writer.WriteStringValue(label);
        }

        writer.WriteEndArray();
    }

    private static void ReadStrings(JsonElement value, List<string> into)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } label)
                {
                    AddDistinct(into, label);
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } single)
        {
            AddDistinct(into, single);
        }
    }

    private static void AddScalars(JsonElement value, List<string> into, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                if (value.GetString() is { } text && text.Trim() is { Length: > 0 } trimmed)
                {
                    AddDistinct(into, trimmed);
                }

                break;
            case JsonValueKind.Number:
                AddDistinct(into, value.GetRawText());
                break;
            case JsonValueKind.True:
                AddDistinct(into, "true");
                break;
            case JsonValueKind.False:
                AddDistinct(into, "false");
                break;
            case JsonValueKind.Array when depth == 0:
                foreach (var item in value.EnumerateArray())
                {
                    AddScalars(item, into, depth + 1);
                }

                break;
            default:
                break;
        }
    }

    private static void AddDistinct(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }

    private static bool AnyIn(List<string> first, List<string> second, HashSet<string> set)
    {
        if (set.Count == 0)
        {
            return false;
        }

        foreach (var label in first)
        {
            if (set.Contains(label))
            {
                return true;
            }
        }

        foreach (var label in second)
        {
            if (set.Contains(label))
            {
                return true;
            }
        }

        return false;
    }

    private static string? ContainsAny(string text, string[] needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.Ordinal))
            {
                return needle;
            }
        }

        return null;
    }

    private static HashSet<string>? SetOrNull(IReadOnlyList<string>? values)
    {
        var items = NonEmpty(values);
        return items.Length == 0 ? null : new HashSet<string>(items, StringComparer.OrdinalIgnoreCase);
    }

    private static string[] NonEmpty(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return [];
        }

        var list = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                list.Add(value.Trim());
            }
        }

        return [.. list];
    }

    private static string Truncate(string value) => value.Length <= 120 ? value : value[..120] + "…";

    private static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static byte[] BuildAuthor(StixTransformerOptions options, string id, DateTimeOffset now)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var timestamp = FormatTimestamp(now);
            writer.WriteStartObject();
            writer.WriteString("type"u8, "identity"u8);
            writer.WriteString("spec_version"u8, "2.1"u8);
            writer.WriteString("id"u8, id);
            writer.WriteString("created"u8, timestamp);
            writer.WriteString("modified"u8, timestamp);
            writer.WriteString("name"u8, options.AuthorName!.Trim());
            if (!string.IsNullOrWhiteSpace(options.AuthorDescription))
            {
                writer.WriteString("description"u8, options.AuthorDescription);
            }

            writer.WriteString("identity_class"u8, "organization"u8);
            if (!string.IsNullOrWhiteSpace(options.AuthorReliability))
            {
                writer.WriteString("x_opencti_reliability"u8, options.AuthorReliability);
            }

            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private enum Field
    {
        Labels,
        XLabels,
    }

    /// <summary>Per-page reusable lists, so a page allocates them once.</summary>
    private sealed class Scratch
    {
        public List<string> Primary { get; } = new(8);

        public List<string> Secondary { get; } = new(8);

        public List<JsonProperty> Properties { get; } = new(32);
    }

    /// <summary>The properties the rules look at, found in one pass over the object.</summary>
    private struct Facts
    {
        public JsonElement Type;
        public JsonElement Id;
        public JsonElement Pattern;
        public JsonElement PatternType;
        public JsonElement Labels;
        public JsonElement XLabels;
        public JsonElement Score;
        public JsonElement CreatedByRef;
        public JsonElement Markings;
        public JsonElement Content;
        public JsonElement Confidence;
        public JsonElement MainType;
        public JsonElement Created;
        public JsonElement CustomProperty;
        public int NameIndex;
        public int LabelsIndex;
        public int XLabelsIndex;
        public int ScoreIndex;
        public int CreatedByRefIndex;
        public int MarkingsIndex;
        public int CreateObservablesIndex;
        public int CreateIndicatorIndex;
        public int DetectionIndex;
        public int WorkflowIndex;

        public static Facts Read(JsonElement element, byte[]? customProperty, List<JsonProperty> properties)
        {
            var facts = new Facts
            {
                NameIndex = -1,
                LabelsIndex = -1,
                XLabelsIndex = -1,
                ScoreIndex = -1,
                CreatedByRefIndex = -1,
                MarkingsIndex = -1,
                CreateObservablesIndex = -1,
                CreateIndicatorIndex = -1,
                DetectionIndex = -1,
                WorkflowIndex = -1,
            };
            properties.Clear();
            var i = 0;
            foreach (var p in element.EnumerateObject())
            {
                properties.Add(p);
                // Raw (still escaped) name: a property written with escapes is not one the rules look at, which is
                // what OpenCTI would make of it too.
                var name = JsonMarshal.GetRawUtf8PropertyName(p);
                switch (name.Length)
                {
                    case 2 when name.SequenceEqual("id"u8):
                        facts.Id = p.Value;
                        break;
                    case 4 when name.SequenceEqual("type"u8):
                        facts.Type = p.Value;
                        break;
                    case 4 when name.SequenceEqual("name"u8):
                        facts.NameIndex = i;
                        break;
                    case 6 when name.SequenceEqual("labels"u8):
                        facts.Labels = p.Value;
                        facts.LabelsIndex = i;
                        break;
                    case 7 when name.SequenceEqual("pattern"u8):
                        facts.Pattern = p.Value;
                        break;
                    case 7 when name.SequenceEqual("created"u8):
                        facts.Created = p.Value;
                        break;
                    case 7 when name.SequenceEqual("content"u8):
                        facts.Content = p.Value;
                        break;
                    case 10 when name.SequenceEqual("confidence"u8):
                        facts.Confidence = p.Value;
                        break;
                    case 12 when name.SequenceEqual("pattern_type"u8):
                        facts.PatternType = p.Value;
                        break;
                    case 14 when name.SequenceEqual("created_by_ref"u8):
                        facts.CreatedByRef = p.Value;
                        facts.CreatedByRefIndex = i;
                        break;
                    case 15 when name.SequenceEqual("x_opencti_score"u8):
                        facts.Score = p.Value;
                        facts.ScoreIndex = i;
                        break;
                    case 16 when name.SequenceEqual("x_opencti_labels"u8):
                        facts.XLabels = p.Value;
                        facts.XLabelsIndex = i;
                        break;
                    case 19 when name.SequenceEqual("object_marking_refs"u8):
                        facts.Markings = p.Value;
                        facts.MarkingsIndex = i;
                        break;
                    case 19 when name.SequenceEqual("x_opencti_detection"u8):
                        facts.DetectionIndex = i;
                        break;
                    case 21 when name.SequenceEqual("x_opencti_workflow_id"u8):
                        facts.WorkflowIndex = i;
                        break;
                    case 26 when name.SequenceEqual("x_opencti_create_indicator"u8):
                        facts.CreateIndicatorIndex = i;
                        break;
                    case 28 when name.SequenceEqual("x_opencti_create_observables"u8):
                        facts.CreateObservablesIndex = i;
                        break;
                    case 30 when name.SequenceEqual("x_opencti_main_observable_type"u8):
                        facts.MainType = p.Value;
                        break;
                    default:
                        break;
                }

                if (customProperty is not null && name.SequenceEqual(customProperty))
                {
                    facts.CustomProperty = p.Value;
                }

                i++;
            }

            return facts;
        }
    }
}
