using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
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
using static TaxiiConnector.Stix.Transform.LabelRuleCache;

namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// Applies every object-processing rule of OpenCTI's Python TAXII2 connector, in its order,
/// with its bugs fixed, to a page of STIX 2.x objects. Objects are read as <see cref="JsonElement"/> and written once
/// with <see cref="Utf8JsonWriter"/> into a pooled buffer; the properties kept as they are go out as runs of the
/// producer's raw bytes (<see cref="RawPropertyRuns"/>), and the rules read strings without building them where the
/// producer wrote no escapes.
/// Thread-safe: one instance serves every page of a source.
/// </summary>
public sealed class StixTransformer
{
    /// <summary>Distinct object types remembered (with what the rules make of each).</summary>
    internal const int TypeCacheCapacity = 256;

    private const int StackChars = 128;

    /// <summary>Object types looked up by their raw bytes before the cache (most feeds use fewer).</summary>
    private const int RecentTypeCount = 16;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Patterns are full of quotes and '+': the default encoder would inflate them to \u0027 / \u002B.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Also what lets RawPropertyRuns write a run of properties as one raw value.
        SkipValidation = true,
    };

    private readonly StixTransformerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly HashSet<string>? _ignorePatternTypes;
    private readonly HashSet<string>? _ignoreObjectTypes;
    private readonly string[] _ignorePatterns;
    private readonly string[] _ignoreNotes;
    private readonly LabelRuleCache _labels;
    private readonly BoundedCache<ObjectType> _types = new(TypeCacheCapacity);
    private volatile ObjectType[] _recentTypes = [];
    private readonly string? _customLabel;
    private readonly byte[]? _customPropertyName;
    private readonly bool _rewritesLabels;
    private readonly bool _rewritesSecondaryLabels;
    private readonly string? _authorId;
    private readonly JsonEncodedText _authorIdJson;
    private readonly TlpMarking? _defaultMarking;
    private readonly byte[]? _defaultMarkingRefs;
    private readonly JsonEncodedText _workflowIdJson;
    private readonly OriginalIdNoteTemplate _noteTemplate;
    private readonly SharedStixObject[] _sharedObjects;
    private readonly byte[][] _sharedIds;

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
        Regex[] excludeLabels = [.. NonEmpty(options.ExcludeLabelPatterns)
            .Select(p => new Regex(p, RegexOptions.CultureInvariant, StixTransformerOptionsValidator.RegexTimeout))];
        KeyValuePair<string, string>[] labelReplacements = [.. options.LabelReplacements];
        _labels = new LabelRuleCache(
            excludeLabels,
            labelReplacements,
            new HashSet<string>(NonEmpty(options.HighScoreLabels), StringComparer.OrdinalIgnoreCase),
            new HashSet<string>(NonEmpty(options.MediumScoreLabels), StringComparer.OrdinalIgnoreCase),
            new HashSet<string>(NonEmpty(options.LowScoreLabels), StringComparer.OrdinalIgnoreCase),
            logger);
        _customLabel = options.AddCustomLabel ? options.CustomLabel!.Trim() : null;
        _customPropertyName = options.StixCustomPropertyToLabel ? Encoding.UTF8.GetBytes(options.StixCustomProperty!.Trim()) : null;
        _rewritesSecondaryLabels = excludeLabels.Length > 0 || labelReplacements.Length > 0;
        _rewritesLabels = _customLabel is not null || _customPropertyName is not null || _rewritesSecondaryLabels;
        _workflowIdJson = string.IsNullOrWhiteSpace(options.ReportStatusWorkflowId)
            ? default
            : JsonEncodedText.Encode(options.ReportStatusWorkflowId.Trim(), WriterOptions.Encoder);
        _defaultMarking = TlpMarking.TryParse(options.DefaultMarking, out var marking) ? marking : null;
        _defaultMarkingRefs = _defaultMarking is null ? null : Encoding.UTF8.GetBytes("[\"" + _defaultMarking.Id + "\"]");

        var shared = new List<SharedStixObject>(2);
        if (options.CreateAuthor)
        {
            _authorId = OpenCtiIds.Identity(options.AuthorName!, "organization");
            _authorIdJson = JsonEncodedText.Encode(_authorId, WriterOptions.Encoder);
            shared.Add(new SharedStixObject(_authorId, "identity", BuildAuthor(options, _authorId, _timeProvider.GetUtcNow())));
        }

        if (_defaultMarking?.DefinitionJson is { } definition)
        {
            shared.Add(new SharedStixObject(_defaultMarking.Id, "marking-definition", Encoding.UTF8.GetBytes(definition)));
        }

        _noteTemplate = new OriginalIdNoteTemplate(
            JsonEncodedText.Encode(options.OriginalIndicatorIdNoteAbstract, WriterOptions.Encoder), _authorId, _defaultMarkingRefs);
        _sharedObjects = [.. shared];
        _sharedIds = [.. shared.Select(s => Encoding.UTF8.GetBytes(s.Id))];
    }

    /// <summary>The author identity id (<c>identity--…</c>) when <c>CreateAuthor</c> is on.</summary>
    public string? AuthorId => _authorId;

    /// <summary>Objects each bundle carries once (author identity, default marking definition when not predefined).</summary>
    public IReadOnlyList<SharedStixObject> SharedObjects => _sharedObjects;

    /// <summary>Distinct labels whose rule outcome is cached (bounded by <see cref="LabelRuleCache.DefaultCapacity"/>).</summary>
    internal int CachedLabelCount => _labels.Count;

    /// <summary>
    /// Transforms one page. Invalid entries are dropped one by one (counted, logged); filtered objects are dropped
    /// (counted); the rest is written out. Never throws for bad content.
    /// </summary>
    public TransformedPage Transform(IReadOnlyList<JsonElement> objects) => Transform(objects, 0);

    /// <summary>
    /// Transforms a part of a page that starts at entry <paramref name="firstSourceIndex"/> of it, so drops, log lines and
    /// <see cref="TransformedPage.GetSourceIndex"/> name positions in the whole page.
    /// </summary>
    public TransformedPage Transform(IReadOnlyList<JsonElement> objects, int firstSourceIndex)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSourceIndex);
        var estimate = EstimateOutputBytes(objects);
        var page = new PageState(
            new PooledByteBufferWriter((int)Math.Min(estimate + (estimate / 8), Array.MaxLength)),
            new PooledByteBufferWriter(objects.Count * 48),
            objects.Count * (_options.SaveOriginalIndicatorIdToNote ? 2 : 1));
        try
        {
            using var writer = new Utf8JsonWriter(page.Buffer, WriterOptions);
            for (var i = 0; i < objects.Count; i++)
            {
                TransformOne(objects[i], firstSourceIndex + i, writer, page);
            }
        }
        catch
        {
            page.Buffer.Dispose();
            page.Ids.Dispose();
            ArrayPool<TransformedPage.ObjectSlot>.Shared.Return(page.Slots, clearArray: true);
            throw;
        }

        Log.PageTransformed(_logger, objects.Count, page.SlotCount, page.Dropped.Count);
        return new TransformedPage(objects.Count, page.Buffer, page.Ids, page.Slots, page.SlotCount, page.Dropped, page.EntityTypes, _sharedObjects);
    }

    /// <summary>The output's likely size: the page's objects, plus room for added properties and notes.</summary>
    private long EstimateOutputBytes(IReadOnlyList<JsonElement> objects)
    {
        long perObject = 64 + (_options.SaveOriginalIndicatorIdToNote ? 64 : 0);
        long estimate = 256 + (objects.Count * perObject);
        if (objects.Count == 0)
        {
            return estimate;
        }

        // Objects of one document lie in order in one buffer: first to last spans them all, without reading each
        // object's end (a metadata look-up that misses the cache on a large page). Anything else: add them up.
        var first = JsonMarshal.GetRawUtf8Value(objects[0]);
        var last = JsonMarshal.GetRawUtf8Value(objects[^1]);
        var span = (long)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(first), ref MemoryMarshal.GetReference(last)) + last.Length;
        if (span >= first.Length && span <= objects.Count * 1_048_576L)
        {
            return estimate + span;
        }

        for (var i = 0; i < objects.Count; i++)
        {
            estimate += JsonMarshal.GetRawUtf8Value(objects[i]).Length;
        }

        return estimate;
    }

    /// <summary>
    /// The rules, in the Python connector's order: each decides from the object's facts what to skip and what to add,
    /// and <see cref="WriteObject"/> writes the result once.
    /// </summary>
    private void TransformOne(JsonElement element, int index, Utf8JsonWriter writer, PageState page)
    {
        // Rule 15: invalid entries go one by one; the rest of the page goes on.
        if (element.ValueKind != JsonValueKind.Object)
        {
            Drop(page, new DroppedObject(index, null, DropReason.NotAnObject, "a JSON " + element.ValueKind.ToString().ToLowerInvariant()));
            return;
        }

        var objectJson = JsonMarshal.GetRawUtf8Value(element);
        var facts = ObjectFacts.Read(element, objectJson, _customPropertyName, page.Runs);
        Span<int> skip = stackalloc int[12];
        var plan = new ObjectPlan(skip, index);
        if (!TryIdentify(in facts, index, page, ref plan))
        {
            return;
        }

        Span<char> patternTypeBuffer = stackalloc char[32];
        ReadPattern(in facts, page, patternTypeBuffer, ref plan);
        if (IsFilteredOut(in facts, index, page, ref plan))
        {
            return;
        }

        ApplyMainObservableType(in facts, ref plan);
        ApplyMissingPatternType(ref plan);
        ApplyOpenCtiFlags(in facts, ref plan);
        ReadObjectLabels(in facts, page, ref plan);
        ApplyScore(in facts, page, ref plan);
        ApplyLabelRewrite(in facts, page, ref plan);
        ApplyForcedName(in facts, ref plan);
        ApplyDetection(in facts, ref plan);
        ApplyAuthor(in facts, ref plan);
        ApplyReportStatus(in facts, ref plan);
        ApplyDefaultMarking(in facts, ref plan);
        WriteObject(writer, page, objectJson, ref plan);

        // Rule 12: the original indicator id, in a note whose id depends only on that content.
        if (plan.Type.IsIndicator && _options.SaveOriginalIndicatorIdToNote)
        {
            WriteOriginalIdNote(writer, page, plan.Id, plan.IdText, facts, plan.HasMarkings, plan.SourceIndex);
        }
    }

    /// <summary>Rule 15: the object's type and id, or a drop when either is missing or the id is malformed.</summary>
    private bool TryIdentify(in ObjectFacts facts, int index, PageState page, ref ObjectPlan plan)
    {
        if (facts.Type.ValueKind != JsonValueKind.String || facts.Type.ValueEquals(ReadOnlySpan<byte>.Empty))
        {
            Drop(page, new DroppedObject(index, facts.Id.ValueKind == JsonValueKind.String ? facts.Id.GetString() : null, DropReason.MissingType, "no 'type' string"));
            return false;
        }

        var type = ResolveType(facts.Type);
        if (facts.Id.ValueKind != JsonValueKind.String)
        {
            Drop(page, new DroppedObject(index, null, DropReason.MissingId, $"a '{Truncate(type.Name)}' without an 'id' string"));
            return false;
        }

        // The id as UTF-8 (slot, note, comparisons); as a string too only when the producer escaped it.
        string? idText = null;
        if (!JsonStrings.TryGetUnescapedUtf8(facts.Id, out var id) || id.Length > StackChars)
        {
            idText = facts.Id.GetString()!;
            id = Encoding.UTF8.GetBytes(idText);
        }

        if (!(idText is null ? IsValidId(id, type) : StixId.IsValidFor(idText, type.Name)))
        {
            Drop(page, new DroppedObject(index, idText ?? Encoding.UTF8.GetString(id), DropReason.MalformedId, $"the id is not '{Truncate(type.Name)}--<uuid>'"));
            return false;
        }

        plan.Type = type;
        plan.Id = id;
        plan.IdText = idText;
        return true;
    }

    /// <summary>The indicator's pattern and the pattern type the rules go by (stix when missing and added).</summary>
    private void ReadPattern(in ObjectFacts facts, PageState page, Span<char> patternTypeBuffer, ref ObjectPlan plan)
    {
        plan.HasPattern = plan.Type.IsIndicator && facts.Pattern.ValueKind == JsonValueKind.String;
        plan.Pattern = plan.HasPattern ? JsonStrings.GetChars(facts.Pattern, ref page.PatternChars) : default;
        plan.HasPatternType = facts.PatternType.ValueKind == JsonValueKind.String;
        plan.PatternType = plan.HasPatternType ? JsonStrings.GetChars(facts.PatternType, patternTypeBuffer)
            : _options.AddMissingPatternType ? "stix" : default;
        plan.KnowsPatternType = plan.HasPatternType || _options.AddMissingPatternType;
        plan.IsStixPattern = !plan.KnowsPatternType || plan.PatternType.Equals("stix", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Rule 3: filters, in the Python order.</summary>
    private bool IsFilteredOut(in ObjectFacts facts, int index, PageState page, ref ObjectPlan plan)
    {
        var type = plan.Type;
        if (type.IsIndicator && _ignorePatternTypes is not null && plan.KnowsPatternType
            && _ignorePatternTypes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(plan.PatternType))
        {
            Drop(page, new DroppedObject(index, IdString(plan.Id, plan.IdText), DropReason.IgnoredPatternType, "pattern_type " + plan.PatternType.ToString()));
            return true;
        }

        if (type.IsIgnored)
        {
            Drop(page, new DroppedObject(index, IdString(plan.Id, plan.IdText), DropReason.IgnoredObjectType, "type " + type.Name));
            return true;
        }

        if (plan.HasPattern && ContainsAny(plan.Pattern, _ignorePatterns) is { } ignoredPattern)
        {
            Drop(page, new DroppedObject(index, IdString(plan.Id, plan.IdText), DropReason.IgnoredPattern, "pattern contains '" + ignoredPattern + "'"));
            return true;
        }

        if (type.IsNote && _ignoreNotes.Length > 0 && facts.Content.ValueKind == JsonValueKind.String
            && ContainsAny(facts.Content.GetString(), _ignoreNotes) is { } ignoredNote)
        {
            Drop(page, new DroppedObject(index, IdString(plan.Id, plan.IdText), DropReason.IgnoredNote, "content contains '" + ignoredNote + "'"));
            return true;
        }

        return false;
    }

    /// <summary>Rule 1: main observable type, for every observable type OpenCTI knows.</summary>
    private static void ApplyMainObservableType(in ObjectFacts facts, ref ObjectPlan plan)
    {
        if (plan.HasPattern && plan.IsStixPattern && facts.MainType.ValueKind == JsonValueKind.Undefined
            && StixPatternScanner.TryGetFirstObjectType(plan.Pattern, out var objectType)
            && ObservableTypes.TryGetMainObservableType(objectType, out var found))
        {
            plan.MainType = found;
        }
    }

    /// <summary>Rule 2: pattern_type where missing.</summary>
    private void ApplyMissingPatternType(ref ObjectPlan plan) =>
        plan.AddPatternType = plan.Type.IsIndicator && !plan.HasPatternType && _options.AddMissingPatternType;

    /// <summary>Rule 4: the flags OpenCTI reads (x_opencti_create_indicator is singular on observables).</summary>
    private static void ApplyOpenCtiFlags(in ObjectFacts facts, ref ObjectPlan plan)
    {
        if (plan.Type.IsIndicator)
        {
            plan.Skip(facts.CreateObservablesIndex);
        }
        else if (plan.Type.IsObservable)
        {
            plan.Skip(facts.CreateIndicatorIndex);
        }
    }

    /// <summary>
    /// Rules 5, 6, 11, 12: the labels the object has, plus the custom label and the custom property's values. SDOs/SROs
    /// carry <c>labels</c>; observables get new labels in <c>x_opencti_labels</c>.
    /// </summary>
    private void ReadObjectLabels(in ObjectFacts facts, PageState page, ref ObjectPlan plan)
    {
        var primary = page.Primary;
        var secondary = page.Secondary;
        primary.Clear();
        secondary.Clear();
        var type = plan.Type;
        plan.RewriteLabels = type.IsLabelable && _rewritesLabels;
        if (!type.IsLabelable || !(_rewritesLabels || _options.DetermineScoreByLabel))
        {
            return;
        }

        ReadLabels(type.IsObservable ? facts.XLabels : facts.Labels, primary, plan.Id);
        if (type.IsObservable)
        {
            ReadLabels(facts.Labels, secondary, plan.Id);
        }

        if (_customLabel is not null && IndexOf(primary, _customLabel) < 0)
        {
            primary.Add(_labels.Get(_customLabel, plan.Id));
        }

        if (facts.CustomProperty.ValueKind != JsonValueKind.Undefined)
        {
            AddScalars(facts.CustomProperty, primary, plan.Id, depth: 0);
        }
    }

    /// <summary>Rule 8 (and the push endpoint's confidence copy): score, from the labels before any is excluded.</summary>
    private void ApplyScore(in ObjectFacts facts, PageState page, ref ObjectPlan plan)
    {
        var isIndicator = plan.Type.IsIndicator;
        var hasScore = facts.Score.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        if (isIndicator && _options.CopyConfidenceToScore && !hasScore && facts.Confidence.ValueKind == JsonValueKind.Number)
        {
            plan.Score = (int)Math.Clamp(Math.Round(facts.Confidence.GetDouble()), 0, 100);
            hasScore = true;
        }

        if (!_options.DetermineScoreByLabel || !(isIndicator || plan.Type.IsObservable))
        {
            return;
        }

        var primary = page.Primary;
        var secondary = page.Secondary;
        if (primary.Count + secondary.Count > 0)
        {
            if (AnyIn(primary, secondary, ScoreList.High))
            {
                plan.Score = _options.HighScore;
                plan.Skip(facts.ScoreIndex);
            }
            else if (!hasScore)
            {
                plan.Score = AnyIn(primary, secondary, ScoreList.Medium) ? _options.MediumScore
                    : AnyIn(primary, secondary, ScoreList.Low) ? _options.LowScore
                    : _options.DefaultScore;
            }
        }
        else if (isIndicator && !hasScore)
        {
            plan.Score = _options.DefaultScore;
        }
    }

    /// <summary>Rules 5, 6, 11, 12 (continued): the labels that remain once excluded and duplicate ones are gone.</summary>
    private void ApplyLabelRewrite(in ObjectFacts facts, PageState page, ref ObjectPlan plan)
    {
        if (!plan.RewriteLabels)
        {
            return;
        }

        KeepFinalLabels(page.Primary);
        KeepFinalLabels(page.Secondary);
        var isObservable = plan.Type.IsObservable;
        plan.Skip(isObservable ? facts.XLabelsIndex : facts.LabelsIndex);
        if (isObservable && _rewritesSecondaryLabels)
        {
            plan.Skip(facts.LabelsIndex);
        }
        else
        {
            page.Secondary.Clear();
        }
    }

    /// <summary>Rule 7: force pattern as name (the compound name, or the last quoted value, unescaped when written).</summary>
    private void ApplyForcedName(in ObjectFacts facts, ref ObjectPlan plan)
    {
        if (!_options.ForcePatternAsName || !plan.HasPattern || !plan.IsStixPattern)
        {
            return;
        }

        if (StixPatternScanner.Scan(plan.Pattern, out plan.NameLiteral))
        {
            plan.CompoundName = _options.ForceMultiplePatternName;
            plan.ForceName = plan.CompoundName is not null;
        }
        else
        {
            plan.ForceName = plan.NameLiteral is not null;
        }

        if (plan.ForceName)
        {
            plan.Skip(facts.NameIndex);
        }
    }

    /// <summary>Rule 9: detection.</summary>
    private void ApplyDetection(in ObjectFacts facts, ref ObjectPlan plan)
    {
        plan.Detection = plan.Type.IsIndicator && _options.SetIndicatorAsDetection;
        if (plan.Detection)
        {
            plan.Skip(facts.DetectionIndex);
        }
    }

    /// <summary>Rule 10: author, where missing (or replacing the producer's with AuthorOverride).</summary>
    private void ApplyAuthor(in ObjectFacts facts, ref ObjectPlan plan)
    {
        if (_authorId is null || plan.Type.IsMarking || IsAuthor(plan.Id))
        {
            return;
        }

        if (facts.CreatedByRef.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || _options.AuthorOverride)
        {
            plan.WriteAuthor = true;
            plan.Skip(facts.CreatedByRefIndex);
        }
    }

    /// <summary>Rule 13: report status.</summary>
    private void ApplyReportStatus(in ObjectFacts facts, ref ObjectPlan plan)
    {
        plan.WriteWorkflow = plan.Type.IsReport && !_workflowIdJson.EncodedUtf8Bytes.IsEmpty;
        if (plan.WriteWorkflow)
        {
            plan.Skip(facts.WorkflowIndex);
        }
    }

    /// <summary>Rule 14: default marking where the object has none.</summary>
    private void ApplyDefaultMarking(in ObjectFacts facts, ref ObjectPlan plan)
    {
        plan.HasMarkings = facts.Markings.ValueKind == JsonValueKind.Array && facts.Markings.GetArrayLength() > 0;
        plan.WriteMarking = _defaultMarkingRefs is not null && !plan.Type.IsMarking && !plan.HasMarkings;
        if (plan.WriteMarking)
        {
            plan.Skip(facts.MarkingsIndex);
        }
    }

    /// <summary>The producer's properties the rules kept, as raw runs, then what the rules add, in rule order.</summary>
    private void WriteObject(Utf8JsonWriter writer, PageState page, ReadOnlySpan<byte> objectJson, ref ObjectPlan plan)
    {
        var start = page.Buffer.WrittenCount;
        writer.Reset();
        writer.WriteStartObject();
        page.Runs.WriteKept(writer, objectJson, plan.Skipped);

        if (plan.MainType is not null)
        {
            writer.WriteString(Names.MainObservableType, plan.MainType);
        }

        if (plan.AddPatternType)
        {
            writer.WriteString(Names.PatternType, Names.Stix);
        }

        var type = plan.Type;
        if (type.IsIndicator)
        {
            writer.WriteBoolean(Names.CreateObservables, _options.CreateObservables);
        }
        else if (type.IsObservable)
        {
            writer.WriteBoolean(Names.CreateIndicator, _options.CreateIndicators);
        }

        if (plan.RewriteLabels)
        {
            WriteLabels(writer, type.IsObservable ? Names.XLabels : Names.Labels, page.Primary);
            WriteLabels(writer, Names.Labels, page.Secondary);
        }

        if (plan.ForceName)
        {
            WriteForcedName(writer, plan.CompoundName, plan.Pattern, plan.NameLiteral, ref page.LiteralChars);
        }

        if (plan.Score is { } value)
        {
            writer.WriteNumber(Names.Score, value);
        }

        if (plan.Detection)
        {
            writer.WriteBoolean(Names.Detection, true);
        }

        if (plan.WriteAuthor)
        {
            writer.WriteString(Names.CreatedByRef, _authorIdJson);
        }

        if (plan.WriteWorkflow)
        {
            writer.WriteString(Names.WorkflowId, _workflowIdJson);
        }

        if (plan.WriteMarking)
        {
            writer.WritePropertyName(Names.ObjectMarkingRefs);
            writer.WriteRawValue(_defaultMarkingRefs, skipInputValidation: true);
        }

        writer.WriteEndObject();
        writer.Flush();
        page.AddSlot(start, type.Name, plan.Id, plan.IdText, IsShared(plan.Id), plan.SourceIndex);
    }

    private void WriteOriginalIdNote(
        Utf8JsonWriter writer,
        PageState page,
        ReadOnlySpan<byte> indicatorId,
        string? indicatorIdText,
        in ObjectFacts facts,
        bool indicatorHasMarkings,
        int indicatorSourceIndex)
    {
        Span<byte> noteIdBuffer = stackalloc byte[OpenCtiIds.NoteIdLength];
        ReadOnlySpan<byte> noteId = indicatorIdText is null && OpenCtiIds.TryWriteNoteId(indicatorId, noteIdBuffer)
            ? noteIdBuffer
            : Encoding.UTF8.GetBytes(OpenCtiIds.Note(IdString(indicatorId, indicatorIdText)));

        // An unescaped valid id is `type--uuid` and needs no escaping; its raw JSON is the id in quotes.
        var idJson = indicatorIdText is null
            ? JsonMarshal.GetRawUtf8Value(facts.Id)
            : Encoding.UTF8.GetBytes("\"" + JsonEncodedText.Encode(indicatorIdText, WriterOptions.Encoder).ToString() + "\"");

        // The indicator's own creation date keeps the note identical across re-fetches.
        var created = facts.Created.ValueKind == JsonValueKind.String
            ? JsonMarshal.GetRawUtf8Value(facts.Created)
            : Encoding.UTF8.GetBytes("\"" + FormatTimestamp(_timeProvider.GetUtcNow()) + "\"");
        var markings = indicatorHasMarkings ? JsonMarshal.GetRawUtf8Value(facts.Markings) : default;

        var start = page.Buffer.WrittenCount;
        writer.Reset();
        writer.WriteRawValue(_noteTemplate.Build(ref page.NoteBytes, noteId, idJson, created, markings), skipInputValidation: true);
        writer.Flush();
        page.AddSlot(start, "note", noteId, null, isShared: false, sourceIndex: -1, madeFrom: indicatorSourceIndex);
    }

    private static void WriteForcedName(Utf8JsonWriter writer, string? compoundName, ReadOnlySpan<char> pattern, Range? literal, ref char[] buffer)
    {
        if (compoundName is not null)
        {
            writer.WriteString(Names.Name, compoundName);
            return;
        }

        var raw = pattern[literal!.Value];
        if (raw.Length > buffer.Length)
        {
            buffer = new char[Math.Max(raw.Length, buffer.Length * 2)];
        }

        writer.WriteString(Names.Name, buffer.AsSpan(0, StixPatternScanner.Unescape(raw, buffer)));
    }

    private ObjectType ResolveType(JsonElement value)
    {
        // A feed has a handful of types: compared as bytes first, with no decoding and no hashing.
        var unescaped = JsonStrings.TryGetUnescapedUtf8(value, out var utf8);
        if (unescaped)
        {
            foreach (var recent in _recentTypes)
            {
                if (utf8.SequenceEqual(recent.Utf8))
                {
                    return recent;
                }
            }
        }

        Span<char> buffer = stackalloc char[StackChars];
        var name = JsonStrings.GetChars(value, buffer);
        if (!_types.TryGet(name, out var type))
        {
            var text = name.ToString();
            var isIndicator = text == "indicator";
            var isMarking = text == "marking-definition";
            type = _types.Add(text, new ObjectType(
                text,
                // A name with surrogates compares as chars only (a lone one has no UTF-8 of its own).
                text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') ? [] : Encoding.UTF8.GetBytes(text),
                IsIndicator: isIndicator,
                IsObservable: !isIndicator && ObservableTypes.IsObservable(text),
                IsMarking: isMarking,
                IsNote: text == "note",
                IsReport: text == "report",
                IsLabelable: !isMarking && text != "extension-definition",
                IsIgnored: _ignoreObjectTypes is not null && _ignoreObjectTypes.Contains(text)));
        }

        // Only unescaped names: their bytes are the name's UTF-8. Copy-on-write; a lost race only loses an entry.
        var known = _recentTypes;
        if (unescaped && known.Length < RecentTypeCount)
        {
            _recentTypes = [.. known, type];
        }

        return type;
    }

    /// <summary>
    /// <see cref="StixId.IsValidFor"/> on an unescaped UTF-8 id: the same test, with only the UUID decoded (a valid one
    /// is 36 ASCII characters, so any other byte fails it as the char test would).
    /// </summary>
    private static bool IsValidId(ReadOnlySpan<byte> id, ObjectType type)
    {
        var prefix = type.Utf8;
        if (prefix.Length == 0)
        {
            return StixId.IsValidFor(Encoding.UTF8.GetString(id), type.Name);
        }

        if (id.Length != prefix.Length + 38 || !id.StartsWith(prefix)
            || id[prefix.Length] != (byte)'-' || id[prefix.Length + 1] != (byte)'-')
        {
            return false;
        }

        Span<char> uuid = stackalloc char[36];
        return System.Text.Ascii.ToUtf16(id[(prefix.Length + 2)..], uuid, out _) == System.Buffers.OperationStatus.Done
            && Guid.TryParseExact(uuid, "D", out _);
    }

    private bool IsAuthor(ReadOnlySpan<byte> id) => _authorIdJson.EncodedUtf8Bytes.SequenceEqual(id);

    private bool IsShared(ReadOnlySpan<byte> id)
    {
        // Shared ids are ASCII: byte equality is string equality, whatever the producer escaped.
        foreach (var shared in _sharedIds)
        {
            if (id.SequenceEqual(shared))
            {
                return true;
            }
        }

        return false;
    }

    private static string IdString(ReadOnlySpan<byte> id, string? idText) => idText ?? Encoding.UTF8.GetString(id);

    private void Drop(PageState page, DroppedObject entry)
    {
        page.Dropped.Add(entry);
        if (entry.Reason.IsInvalidInput())
        {
            Log.InvalidObjectDropped(_logger, entry.SourceIndex, Truncate(entry.Id ?? "no id"), entry.Reason.ToLabel(), entry.Detail);
        }
        else
        {
            Log.FilteredObjectDropped(_logger, entry.Id ?? "no id", entry.Reason.ToLabel(), entry.Detail);
        }
    }

    private static void WriteLabels(Utf8JsonWriter writer, JsonEncodedText name, List<LabelDecision> labels)
    {
        if (labels.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var label in labels)
        {
            writer.WriteStringValue(label.FinalJson);
        }

        writer.WriteEndArray();
    }

    /// <summary>Drops excluded labels and, when replacements made two equal, keeps the first.</summary>
    private static void KeepFinalLabels(List<LabelDecision> labels)
    {
        var kept = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var final = labels[i].Final;
            if (final is null)
            {
                continue;
            }

            var duplicate = false;
            for (var j = 0; j < kept && !duplicate; j++)
            {
                duplicate = string.Equals(labels[j].Final, final, StringComparison.Ordinal);
            }

            if (!duplicate)
            {
                labels[kept++] = labels[i];
            }
        }

        labels.RemoveRange(kept, labels.Count - kept);
    }

    private void ReadLabels(JsonElement value, List<LabelDecision> into, ReadOnlySpan<byte> id)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    AddLabel(item, into, id, trim: false);
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            AddLabel(value, into, id, trim: false);
        }
    }

    private void AddScalars(JsonElement value, List<LabelDecision> into, ReadOnlySpan<byte> id, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                AddLabel(value, into, id, trim: true);
                break;
            case JsonValueKind.Number:
                AddLabel(value.GetRawText(), into, id);
                break;
            case JsonValueKind.True:
                AddLabel("true", into, id);
                break;
            case JsonValueKind.False:
                AddLabel("false", into, id);
                break;
            case JsonValueKind.Array when depth == 0:
                foreach (var item in value.EnumerateArray())
                {
                    AddScalars(item, into, id, depth + 1);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Adds a string label unless empty or already there (a duplicate never reaches the rules).</summary>
    private void AddLabel(JsonElement text, List<LabelDecision> into, ReadOnlySpan<byte> id, bool trim)
    {
        Span<char> buffer = stackalloc char[StackChars];
        var label = JsonStrings.GetChars(text, buffer);
        if (trim)
        {
            label = label.Trim();
        }

        if (!label.IsEmpty && IndexOf(into, label) < 0)
        {
            into.Add(_labels.Get(label, id));
        }
    }

    private void AddLabel(string label, List<LabelDecision> into, ReadOnlySpan<byte> id)
    {
        if (IndexOf(into, label) < 0)
        {
            into.Add(_labels.Get(label, id));
        }
    }

    private static int IndexOf(List<LabelDecision> labels, ReadOnlySpan<char> label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (label.SequenceEqual(labels[i].Label))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool AnyIn(List<LabelDecision> first, List<LabelDecision> second, ScoreList list)
    {
        return Any(first, list) || Any(second, list);

        static bool Any(List<LabelDecision> labels, ScoreList list)
        {
            foreach (var label in labels)
            {
                if (list switch { ScoreList.High => label.IsHigh, ScoreList.Medium => label.IsMedium, _ => label.IsLow })
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static string? ContainsAny(ReadOnlySpan<char> text, string[] needles)
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

    private enum ScoreList
    {
        High,
        Medium,
        Low,
    }

    /// <summary>What the rules make of one object type, worked out once per distinct type.</summary>
    private sealed record ObjectType(
        string Name, byte[] Utf8, bool IsIndicator, bool IsObservable, bool IsMarking, bool IsNote, bool IsReport, bool IsLabelable, bool IsIgnored);

    /// <summary>What the rules decided for one object: read by the rules after each and by <see cref="WriteObject"/>.</summary>
    private ref struct ObjectPlan
    {
        /// <summary>Indexes of the producer's properties a rule replaces (at most one per rule that writes one).</summary>
        private readonly Span<int> _skip;
        private int _skipCount;

        public ObjectPlan(Span<int> skip, int sourceIndex)
        {
            _skip = skip;
            SourceIndex = sourceIndex;
            Type = null!;
        }

        public readonly int SourceIndex;
        public ObjectType Type;
        public ReadOnlySpan<byte> Id;
        public string? IdText;
        public bool HasPattern;
        public ReadOnlySpan<char> Pattern;
        public bool HasPatternType;
        public ReadOnlySpan<char> PatternType;
        public bool KnowsPatternType;
        public bool IsStixPattern;
        public string? MainType;
        public bool AddPatternType;
        public bool RewriteLabels;
        public int? Score;
        public bool ForceName;
        public string? CompoundName;
        public Range? NameLiteral;
        public bool Detection;
        public bool WriteAuthor;
        public bool WriteWorkflow;
        public bool HasMarkings;
        public bool WriteMarking;

        public readonly ReadOnlySpan<int> Skipped => _skip[.._skipCount];

        /// <summary>Leaves out the producer's property at <paramref name="index"/> (-1: the object has none).</summary>
        public void Skip(int index)
        {
            if (index >= 0 && _skipCount < _skip.Length && _skip[.._skipCount].IndexOf(index) < 0)
            {
                _skip[_skipCount++] = index;
            }
        }
    }

    /// <summary>Property names and constant values, escaped once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText CreatedByRef = JsonEncodedText.Encode("created_by_ref");
        public static readonly JsonEncodedText ObjectMarkingRefs = JsonEncodedText.Encode("object_marking_refs");
        public static readonly JsonEncodedText Labels = JsonEncodedText.Encode("labels");
        public static readonly JsonEncodedText XLabels = JsonEncodedText.Encode("x_opencti_labels");
        public static readonly JsonEncodedText MainObservableType = JsonEncodedText.Encode("x_opencti_main_observable_type");
        public static readonly JsonEncodedText PatternType = JsonEncodedText.Encode("pattern_type");
        public static readonly JsonEncodedText CreateObservables = JsonEncodedText.Encode("x_opencti_create_observables");
        public static readonly JsonEncodedText CreateIndicator = JsonEncodedText.Encode("x_opencti_create_indicator");
        public static readonly JsonEncodedText Score = JsonEncodedText.Encode("x_opencti_score");
        public static readonly JsonEncodedText Detection = JsonEncodedText.Encode("x_opencti_detection");
        public static readonly JsonEncodedText WorkflowId = JsonEncodedText.Encode("x_opencti_workflow_id");
        public static readonly JsonEncodedText Stix = JsonEncodedText.Encode("stix");
    }

    /// <summary>One page's output and the buffers reused object after object (one page, one thread).</summary>
    private sealed class PageState(PooledByteBufferWriter buffer, PooledByteBufferWriter ids, int maxSlots)
    {
        private readonly string?[] _entityTypesSeen = new string?[8];

        public char[] PatternChars = new char[256];
        public char[] LiteralChars = new char[256];
        public byte[] NoteBytes = new byte[1024];

        public PooledByteBufferWriter Buffer { get; } = buffer;

        /// <summary>The UTF-8 ids of the written objects, one after another.</summary>
        public PooledByteBufferWriter Ids { get; } = ids;

        /// <summary>Rented for the most objects a page can give (each entry and its note); the page returns it.</summary>
        public TransformedPage.ObjectSlot[] Slots { get; } = ArrayPool<TransformedPage.ObjectSlot>.Shared.Rent(Math.Max(maxSlots, 1));

        public int SlotCount { get; private set; }

        public List<DroppedObject> Dropped { get; } = [];

        public HashSet<string> EntityTypes { get; } = new(StringComparer.Ordinal);

        public List<LabelDecision> Primary { get; } = new(8);

        public List<LabelDecision> Secondary { get; } = new(8);

        public RawPropertyRuns Runs { get; } = new();

        /// <summary>Records the object written from <paramref name="start"/> to the end of the buffer.</summary>
        public void AddSlot(int start, string type, ReadOnlySpan<byte> id, string? idText, bool isShared, int sourceIndex, int madeFrom = -1)
        {
            var idOffset = Ids.WrittenCount;
            if (idText is null)
            {
                Ids.Write(id);
            }

            Slots[SlotCount++] = new TransformedPage.ObjectSlot(
                start, Buffer.WrittenCount - start, type, idOffset, idText is null ? id.Length : 0, idText, isShared, sourceIndex)
            {
                MadeFromPlusOne = madeFrom + 1,
            };
            AddEntityType(type);
        }

        /// <summary>Types are interned: most objects find theirs among the first few seen by reference, unhashed.</summary>
        private void AddEntityType(string type)
        {
            for (var i = 0; i < _entityTypesSeen.Length; i++)
            {
                var seen = _entityTypesSeen[i];
                if (ReferenceEquals(seen, type))
                {
                    return;
                }

                if (seen is null)
                {
                    if (EntityTypes.Add(type))
                    {
                        _entityTypesSeen[i] = type;
                    }

                    return;
                }
            }

            EntityTypes.Add(type);
        }
    }
}
