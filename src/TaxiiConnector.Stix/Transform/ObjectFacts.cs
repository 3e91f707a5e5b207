using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// The properties the rules look at, found in one pass over the object; the same pass records where each property
/// starts for <see cref="RawPropertyRuns"/>.
/// </summary>
internal struct ObjectFacts
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

    public static ObjectFacts Read(JsonElement element, ReadOnlySpan<byte> objectJson, byte[]? customProperty, RawPropertyRuns runs)
    {
        var facts = new ObjectFacts
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
        runs.Clear();
        var i = 0;
        foreach (var p in element.EnumerateObject())
        {
            // JSON decoders unescape names, so "\u0074ype" is a "type" to OpenCTI: names are compared unescaped. The raw
            // bytes serve on the fast path; only a name that contains an escape pays for decoding.
            var rawName = JsonMarshal.GetRawUtf8PropertyName(p);
            runs.Add(objectJson, rawName);
            var name = rawName.IndexOf((byte)'\\') < 0 ? rawName : Encoding.UTF8.GetBytes(p.Name);
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
