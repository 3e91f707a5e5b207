using Microsoft.Extensions.Logging;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Ids;
using TaxiiConnector.Stix.Tests.Support;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Stix.Tests.Transform;

/// <summary>
/// The transformer copies kept properties as raw runs and reads strings without decoding them when they hold no escapes:
/// producer formatting and escapes must give the same objects as the compact, unescaped form.
/// </summary>
public sealed class StixTransformerRawPathTests
{
    private const string IndicatorId = "indicator--11111111-1111-4111-8111-111111111111";

    private static StixTransformerOptions AllRules() => TransformDefaults.Create(o =>
    {
        o.AddCustomLabel = true;
        o.CustomLabel = "feed";
        o.StixCustomPropertyToLabel = true;
        o.StixCustomProperty = "indicator_types";
        o.ForcePatternAsName = true;
        o.DetermineScoreByLabel = true;
        o.SetIndicatorAsDetection = true;
        o.CreateAuthor = true;
        o.AuthorName = "ACME Corp";
        o.AuthorOverride = true;
        o.ExcludeLabelPatterns = ["^internal-"];
        o.LabelReplacements = [new("_", " ")];
        o.SaveOriginalIndicatorIdToNote = true;
        o.DefaultMarking = "TLP:GREEN";
    });

    private static string Compact(string extra = "") =>
        $$"""{"type":"indicator","spec_version":"2.1","id":"{{IndicatorId}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"old","pattern":"[url:value = 'http://a/it\\'s']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z","labels":["high","internal-x","a_b"],"indicator_types":["malicious-activity"],"created_by_ref":"identity--66666666-6666-4666-8666-666666666666","x_opencti_detection":false,"kill_chain_phases":[{"kill_chain_name":"k","phase_name":"p"}]{{extra}}}""";

    [Fact]
    public void Transform_PrettyPrintedObject_SameObjectAsCompact()
    {
        var pretty = System.Text.Json.JsonSerializer.Serialize(
            System.Text.Json.JsonDocument.Parse(Compact()).RootElement,
            new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        pretty.Should().Contain("\n  \"");

        using var compact = TransformHarness.Run(AllRules(), Compact());
        using var formatted = TransformHarness.Run(AllRules(), pretty);

        formatted.Count.Should().Be(compact.Count).And.Be(2);
        for (var i = 0; i < compact.Count; i++)
        {
            JsonAssert.Equal(TransformHarness.Json(compact, i), formatted.GetObjectJson(i));
            formatted.GetObjectId(i).Should().Be(compact.GetObjectId(i));
        }
    }

    [Fact]
    public void Transform_EscapedTypeIdPatternAndLabels_SameObjectsAsUnescaped()
    {
        var escaped = Compact()
            .Replace("\"type\":\"indicator\"", "\"type\":\"\\u0069ndicator\"", StringComparison.Ordinal)
            .Replace("\"id\":\"indicator--", "\"id\":\"\\u0069ndicator--", StringComparison.Ordinal)
            .Replace("[url:value = ", "[url:value \\u003d ", StringComparison.Ordinal)
            .Replace("\"high\"", "\"hig\\u0068\"", StringComparison.Ordinal)
            .Replace("\"a_b\"", "\"a\\u005fb\"", StringComparison.Ordinal);
        escaped.Should().NotBe(Compact());

        using var compact = TransformHarness.Run(AllRules(), Compact());
        using var page = TransformHarness.Run(AllRules(), escaped);

        page.Count.Should().Be(2);
        for (var i = 0; i < compact.Count; i++)
        {
            JsonAssert.Equal(TransformHarness.Json(compact, i), page.GetObjectJson(i));
            page.GetObjectId(i).Should().Be(compact.GetObjectId(i));
            page.GetObjectType(i).Should().Be(compact.GetObjectType(i));
        }
    }

    // JSON decoders unescape member names (RFC 8259 §7; Python's json, which pycti and the platform worker use, does),
    // so "\u0074ype" is OpenCTI's "type": every rule must see escaped names as the names they spell.
    [Fact]
    public void Transform_EscapedPropertyNames_SameObjectsAsUnescaped()
    {
        var escaped = Compact()
            .Replace("\"type\":", "\"\\u0074ype\":", StringComparison.Ordinal)
            .Replace("\"id\":", "\"\\u0069d\":", StringComparison.Ordinal)
            .Replace("\"pattern\":", "\"p\\u0061ttern\":", StringComparison.Ordinal)
            .Replace("\"labels\":", "\"l\\u0061bels\":", StringComparison.Ordinal)
            .Replace("\"created_by_ref\":", "\"created_by_re\\u0066\":", StringComparison.Ordinal);
        escaped.Should().Contain("\\u0074ype").And.Contain("l\\u0061bels");

        using var compact = TransformHarness.Run(AllRules(), Compact());
        using var page = TransformHarness.Run(AllRules(), escaped);

        page.Count.Should().Be(2);
        for (var i = 0; i < compact.Count; i++)
        {
            JsonAssert.Equal(TransformHarness.Json(compact, i), page.GetObjectJson(i));
            page.GetObjectId(i).Should().Be(compact.GetObjectId(i));
            page.GetObjectType(i).Should().Be(compact.GetObjectType(i));
        }
    }

    [Fact]
    public void Transform_AllRules_ExpectedIndicatorAndNote()
    {
        using var page = TransformHarness.Run(AllRules(), Compact());

        var author = "identity--542072da-8b33-50bf-810b-d9cfd2a0bc69";
        var green = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
        JsonAssert.Equal(
            $$"""{"type":"indicator","spec_version":"2.1","id":"{{IndicatorId}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","pattern":"[url:value = 'http://a/it\\'s']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z","indicator_types":["malicious-activity"],"kill_chain_phases":[{"kill_chain_name":"k","phase_name":"p"}],"x_opencti_main_observable_type":"Url","x_opencti_create_observables":true,"labels":["high","a b","feed","malicious-activity"],"name":"http://a/it's","x_opencti_score":80,"x_opencti_detection":true,"created_by_ref":"{{author}}","object_marking_refs":["{{green}}"]}""",
            page.GetObjectJson(0));
        JsonAssert.Equal(
            $$"""{"type":"note","spec_version":"2.1","id":"{{OpenCtiIds.Note(IndicatorId)}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","abstract":"Original indicator id","content":"{{IndicatorId}}","object_refs":["{{IndicatorId}}"],"created_by_ref":"{{author}}","object_marking_refs":["{{green}}"]}""",
            page.GetObjectJson(1));
        page.GetObjectId(1).Should().Be(OpenCtiIds.Note(IndicatorId));
    }

    [Fact]
    public void Transform_EmptyAndEscapedPropertyNames_KeptAsWritten()
    {
        var input = Compact(",\"\":1,\"x_\\u0061\":[1, 2 ]");

        using var page = TransformHarness.Run(AllRules(), input);

        var output = System.Text.Json.JsonDocument.Parse(page.GetObjectJson(0).ToArray()).RootElement;
        output.GetProperty("").GetInt32().Should().Be(1);
        output.GetProperty("x_a").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public void Transform_AuthorAsInputObject_FlaggedShared()
    {
        var transformer = TransformHarness.Create(AllRules());
        var authorId = transformer.AuthorId!;
        var identity = $$"""{"type":"identity","spec_version":"2.1","id":"{{authorId}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"ACME Corp","identity_class":"organization"}""";

        using var page = TransformHarness.Run(transformer, identity, Compact());
        var bundles = new StixBundleWriter(new StixBundleWriterOptions { MaxBundleBytes = 10 * 1024 * 1024 }, Microsoft.Extensions.Logging.Abstractions.NullLogger<StixBundleWriter>.Instance)
            .CreateBundles(page).ToList();

        page.GetObjectId(0).Should().Be(authorId);
        page.IsSharedObject(0).Should().BeTrue();
        page.IsSharedObject(1).Should().BeFalse();
        // The author goes once, as the shared object, then the indicator and its note.
        bundles.Should().ContainSingle().Which.ObjectCount.Should().Be(3);
        foreach (var bundle in bundles)
        {
            bundle.Dispose();
        }
    }

    [Fact]
    public void Transform_LabelRegexTimesOut_LoggedForEveryObjectCarryingTheLabel()
    {
        var options = AllRules();
        options.ExcludeLabelPatterns = ["^(a+)+$"];
        var logger = new ListLogger<StixTransformer>();
        var transformer = TransformHarness.Create(options, logger);
        var slow = new string('a', 40) + "!";

        using var page = TransformHarness.Run(transformer,
            Compact().Replace("\"internal-x\"", "\"" + slow + "\"", StringComparison.Ordinal),
            Compact().Replace("\"internal-x\"", "\"" + slow + "\"", StringComparison.Ordinal).Replace("1111-4111", "1111-4112", StringComparison.Ordinal));

        logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("timed out", StringComparison.Ordinal)).Should().Be(2);
        TransformHarness.Json(page, 0).Should().Contain(slow, "a label whose exclusion timed out is kept");
    }

    [Fact]
    public void Transform_ManyDistinctLabels_CacheStopsAtItsCapacity()
    {
        var transformer = TransformHarness.Create(AllRules());
        var labels = string.Join(",", Enumerable.Range(0, LabelRuleCache.DefaultCapacity + 500).Select(i => $"\"label_{i}\""));
        var input = Compact().Replace("\"labels\":[\"high\",\"internal-x\",\"a_b\"]", "\"labels\":[" + labels + "]", StringComparison.Ordinal);

        using var page = TransformHarness.Run(transformer, input);

        transformer.CachedLabelCount.Should().Be(LabelRuleCache.DefaultCapacity);
        var written = System.Text.Json.JsonDocument.Parse(page.GetObjectJson(0).ToArray()).RootElement.GetProperty("labels");
        written.GetArrayLength().Should().Be(LabelRuleCache.DefaultCapacity + 500 + 2);
        written[LabelRuleCache.DefaultCapacity + 499].GetString().Should().Be($"label {LabelRuleCache.DefaultCapacity + 499}");
    }

    [Fact]
    public void Transform_PartOfAPage_DropsAndSourceIndexesNameWholePagePositions()
    {
        // The pipeline transforms a large page as two halves: the second half's positions start where the first ended.
        using var document = System.Text.Json.JsonDocument.Parse("[" + Compact() + ",42]");
        var transformer = TransformHarness.Create(AllRules());

        using var part = transformer.Transform([.. document.RootElement.EnumerateArray()], firstSourceIndex: 500);

        part.GetSourceIndex(0).Should().Be(500, "the indicator is entry 500 of the page");
        part.GetSourceIndex(1).Should().Be(-1, "the note is generated");
        part.Dropped.Should().ContainSingle().Which.SourceIndex.Should().Be(501);
    }
}
