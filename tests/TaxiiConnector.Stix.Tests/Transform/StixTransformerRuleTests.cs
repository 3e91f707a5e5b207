using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Stix.Ids;
using TaxiiConnector.Stix.Markings;
using TaxiiConnector.Stix.Tests.Support;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Stix.Tests.Transform;

/// <summary>One golden test (or more) per rule of issue 4, in the order of reference/opencti.md §3.6.</summary>
public sealed class StixTransformerRuleTests
{
    private const string IndicatorId = "indicator--11111111-1111-4111-8111-111111111111";
    private const string MalwareId = "malware--22222222-2222-4222-8222-222222222222";
    private const string ObservableId = "ipv4-addr--33333333-3333-4333-8333-333333333333";
    private const string ReportId = "report--44444444-4444-4444-8444-444444444444";
    private const string NoteId = "note--55555555-5555-4555-8555-555555555555";
    private const string ProducerId = "identity--66666666-6666-4666-8666-666666666666";
    private const string Common = "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\"";

    /// <summary>Options with every rule off except the ones the Python connector cannot switch off.</summary>
    private static StixTransformerOptions Plain() => TransformDefaults.Create();

    private static string Indicator(string pattern, string extra = "", string patternType = "\"pattern_type\":\"stix\",") =>
        $$"""{"type":"indicator","spec_version":"2.1","id":"{{IndicatorId}}",{{Common}},"pattern":{{System.Text.Json.JsonSerializer.Serialize(pattern)}},{{patternType}}"valid_from":"2024-01-01T00:00:00Z"{{extra}}}""";

    private static string Malware(string extra = "") =>
        $$"""{"type":"malware","spec_version":"2.1","id":"{{MalwareId}}",{{Common}},"name":"Emotet","is_family":true{{extra}}}""";

    private static string Ipv4(string extra = "") =>
        $$"""{"type":"ipv4-addr","spec_version":"2.1","id":"{{ObservableId}}","value":"1.2.3.4"{{extra}}}""";

    private static void ShouldProduce(TransformedPage page, params string[] expected)
    {
        page.Count.Should().Be(expected.Length, "objects out: {0}", string.Join("\n", Enumerable.Range(0, page.Count).Select(i => TransformHarness.Json(page, i))));
        for (var i = 0; i < expected.Length; i++)
        {
            JsonAssert.Equal(expected[i], page.GetObjectJson(i));
        }
    }

    // Rule 1 ---------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[ipv4-addr:value = '1.2.3.4']", "IPv4-Addr")]
    [InlineData("[ipv6-addr:value = '::1']", "IPv6-Addr")]
    [InlineData("[file:hashes.'SHA-256' = 'aa']", "StixFile")]
    [InlineData("[domain-name:value = 'example.com']", "Domain-Name")]
    [InlineData("[url:value = 'http://x/']", "Url")]
    [InlineData("[email-addr:value = 'a@b.c']", "Email-Addr")]
    [InlineData("[mac-addr:value = '00:11:22:33:44:55']", "Mac-Addr")]
    [InlineData("[autonomous-system:number = 64512]", "Autonomous-System")]
    [InlineData("[hostname:value = 'host']", "Hostname")]
    [InlineData("[x-opencti-hostname:value = 'host']", "Hostname")]
    [InlineData("[windows-registry-key:key = 'HKLM\\\\Run']", "Windows-Registry-Key")]
    [InlineData("[x509-certificate:serial_number = '01']", "X509-Certificate")]
    [InlineData("[network-traffic:dst_port = 443]", "Network-Traffic")]
    [InlineData("[process:name = 'evil.exe']", "Process")]
    [InlineData("[user-account:user_id = 'root']", "User-Account")]
    [InlineData("[mutex:name = 'm']", "Mutex")]
    [InlineData("[directory:path = '/tmp']", "Directory")]
    [InlineData("[software:name = 'x']", "Software")]
    [InlineData("[email-message:subject = 'hi']", "Email-Message")]
    [InlineData("[cryptocurrency-wallet:value = 'bc1q']", "Cryptocurrency-Wallet")]
    [InlineData("[user-agent:value = 'curl']", "User-Agent")]
    [InlineData("[phone-number:value = '+33']", "Phone-Number")]
    [InlineData("[artifact:mime_type = 'a/b']", "Artifact")]
    [InlineData("[text:value = 't']", "Text")]
    [InlineData("[bank-account:iban = 'FR76']", "Bank-Account")]
    [InlineData("[payment-card:card_number = '4111']", "Payment-Card")]
    [InlineData("[media-content:url = 'http://m/']", "Media-Content")]
    [InlineData("[cryptographic-key:value = 'k']", "Cryptographic-Key")]
    [InlineData("([domain-name:value = 'a[x:y]'] OR [url:value = 'b'])", "Domain-Name")]
    [InlineData("[ file:name = 'x']", "StixFile")]
    public void Transform_IndicatorPattern_SetsMainObservableType(string pattern, string expected)
    {
        using var page = TransformHarness.Run(Plain(), Indicator(pattern));

        ShouldProduce(page, Indicator(pattern, $$""","x_opencti_main_observable_type":"{{expected}}","x_opencti_create_observables":true"""));
    }

    [Fact]
    public void Transform_IndicatorWithMainObservableType_KeepsProducerValue()
    {
        var input = Indicator("[ipv4-addr:value = '1.2.3.4']", ",\"x_opencti_main_observable_type\":\"IPv4-Addr\"");

        using var page = TransformHarness.Run(Plain(), input);

        ShouldProduce(page, Indicator("[ipv4-addr:value = '1.2.3.4']", ",\"x_opencti_main_observable_type\":\"IPv4-Addr\",\"x_opencti_create_observables\":true"));
    }

    [Fact]
    public void Transform_SigmaOrUnknownTypePattern_LeavesMainObservableTypeUnset()
    {
        var sigma = Indicator("title: x\ndetection: [a:b]", patternType: "\"pattern_type\":\"sigma\",");
        var unknown = Indicator("[x-custom-thing:value = 'a']").Replace(IndicatorId, "indicator--11111111-1111-4111-8111-111111111112", StringComparison.Ordinal);

        using var page = TransformHarness.Run(Plain(), sigma, unknown);

        ShouldProduce(page,
            Indicator("title: x\ndetection: [a:b]", ",\"x_opencti_create_observables\":true", "\"pattern_type\":\"sigma\","),
            Indicator("[x-custom-thing:value = 'a']", ",\"x_opencti_create_observables\":true").Replace(IndicatorId, "indicator--11111111-1111-4111-8111-111111111112", StringComparison.Ordinal));
    }

    // Rule 2 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void Transform_IndicatorWithoutPatternType_AddsStix()
    {
        using var page = TransformHarness.Run(Plain(), Indicator("[url:value = 'http://x/']", patternType: ""));

        ShouldProduce(page, Indicator("[url:value = 'http://x/']", ",\"x_opencti_main_observable_type\":\"Url\",\"x_opencti_create_observables\":true"));
    }

    [Fact]
    public void Transform_AddMissingPatternTypeOff_LeavesItAbsent()
    {
        var options = Plain();
        options.AddMissingPatternType = false;

        using var page = TransformHarness.Run(options, Indicator("[url:value = 'http://x/']", patternType: ""));

        ShouldProduce(page, Indicator("[url:value = 'http://x/']", ",\"x_opencti_main_observable_type\":\"Url\",\"x_opencti_create_observables\":true", patternType: ""));
    }

    // Rule 3 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void Transform_IgnorePatternTypes_DropsMatchingIndicatorsOnly()
    {
        var options = Plain();
        options.IgnorePatternTypes = ["SIGMA"];
        var sigma = Indicator("title: x", patternType: "\"pattern_type\":\"sigma\",");

        using var page = TransformHarness.Run(options, sigma, Malware());

        ShouldProduce(page, Malware());
        page.Dropped.Should().ContainSingle().Which.Reason.Should().Be(DropReason.IgnoredPatternType);
    }

    [Fact]
    public void Transform_IgnorePatternTypesAndNoPatternType_KeepsIndicator()
    {
        // Python drops every indicator without pattern_type as soon as the filter is on.
        var options = Plain();
        options.AddMissingPatternType = false;
        options.IgnorePatternTypes = ["sigma"];

        using var page = TransformHarness.Run(options, Indicator("[url:value = 'u']", patternType: ""));

        page.Count.Should().Be(1);
        page.Dropped.Should().BeEmpty();
    }

    [Fact]
    public void Transform_IgnoreObjectTypes_DropsThatType()
    {
        var options = Plain();
        options.IgnoreObjectTypes = ["malware", "tool"];

        using var page = TransformHarness.Run(options, Malware(), Ipv4());

        ShouldProduce(page, Ipv4(",\"x_opencti_create_indicator\":true"));
        page.CountDropped(DropReason.IgnoredObjectType).Should().Be(1);
    }

    [Fact]
    public void Transform_IgnoreSpecificPatterns_DropsIndicatorsContainingText()
    {
        var options = Plain();
        options.IgnoreSpecificPatterns = ["10.0.0."];
        var ignored = Indicator("[ipv4-addr:value = '10.0.0.1']");
        var kept = Indicator("[ipv4-addr:value = '8.8.8.8']").Replace(IndicatorId, "indicator--11111111-1111-4111-8111-111111111112", StringComparison.Ordinal);

        using var page = TransformHarness.Run(options, ignored, kept);

        page.Count.Should().Be(1);
        page.GetObjectId(0).Should().Be("indicator--11111111-1111-4111-8111-111111111112");
        page.Dropped.Should().ContainSingle().Which.Reason.Should().Be(DropReason.IgnoredPattern);
    }

    [Fact]
    public void Transform_IgnoreSpecificNotes_DropsNotesContainingText()
    {
        var options = Plain();
        options.IgnoreSpecificNotes = ["automated"];
        var note = $$"""{"type":"note","spec_version":"2.1","id":"{{NoteId}}",{{Common}},"content":"An automated note","object_refs":["{{MalwareId}}"]}""";

        using var page = TransformHarness.Run(options, note, Malware());

        ShouldProduce(page, Malware());
        page.Dropped.Should().ContainSingle().Which.Reason.Should().Be(DropReason.IgnoredNote);
    }

    [Fact]
    public void Transform_FilterListsEmptyOrBlank_DropNothing()
    {
        // Python: "".split(",") == [""], and "" is a substring of everything: every indicator and note is dropped.
        var options = Plain();
        options.IgnorePatternTypes = [""];
        options.IgnoreObjectTypes = [];
        options.IgnoreSpecificPatterns = ["", " "];
        options.IgnoreSpecificNotes = [""];
        options.ExcludeLabelPatterns = [""];
        var note = $$"""{"type":"note","spec_version":"2.1","id":"{{NoteId}}",{{Common}},"content":"c","object_refs":["{{MalwareId}}"],"labels":["keep"]}""";

        using var page = TransformHarness.Run(options, Indicator("[url:value = 'u']"), note);

        page.Count.Should().Be(2);
        page.Dropped.Should().BeEmpty();
        JsonAssert.Equal(note, page.GetObjectJson(1));
    }

    // Rule 4 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void Transform_CreateFlags_WritesTheKeysOpenCtiReads()
    {
        var options = Plain();
        options.CreateObservables = false;
        options.CreateIndicators = true;
        // A producer's own flags are replaced by the configuration.
        var indicator = Indicator("[url:value = 'u']", ",\"x_opencti_create_observables\":true");

        using var page = TransformHarness.Run(options, indicator, Ipv4(), Malware());

        ShouldProduce(page,
            Indicator("[url:value = 'u']", ",\"x_opencti_main_observable_type\":\"Url\",\"x_opencti_create_observables\":false"),
            Ipv4(",\"x_opencti_create_indicator\":true"),
            Malware());
        TransformHarness.Json(page, 1).Should().NotContain("x_opencti_create_indicators");
    }

    // Rule 5 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void Transform_CustomLabel_CreatesOrAppendsLabelsAndUsesXOpenctiLabelsOnObservables()
    {
        var options = Plain();
        options.AddCustomLabel = true;
        options.CustomLabel = "taxii-feed";
        var relationship = $$"""{"type":"relationship","spec_version":"2.1","id":"relationship--77777777-7777-4777-8777-777777777777",{{Common}},"relationship_type":"indicates","source_ref":"{{IndicatorId}}","target_ref":"{{MalwareId}}","labels":["x","taxii-feed"]}""";
        var marking = """{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"green"}}""";

        using var page = TransformHarness.Run(options, Malware(), relationship, Ipv4(), marking);

        ShouldProduce(page,
            Malware(",\"labels\":[\"taxii-feed\"]"),
            relationship,
            Ipv4(",\"x_opencti_create_indicator\":true,\"x_opencti_labels\":[\"taxii-feed\"]"),
            marking);
    }

    // Rule 6 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void Transform_CustomPropertyToLabel_TakesScalarsAndLists()
    {
        var options = Plain();
        options.StixCustomPropertyToLabel = true;
        options.StixCustomProperty = "x_feed_tags";
        var scalar = Malware(",\"labels\":[\"a\"],\"x_feed_tags\":\"botnet\"");
        var list = Malware(",\"x_feed_tags\":[\"banking\",\"a\",7,{\"nested\":1}]").Replace(MalwareId, "malware--22222222-2222-4222-8222-222222222223", StringComparison.Ordinal);

        using var page = TransformHarness.Run(options, scalar, list);

        ShouldProduce(page,
            Malware(",\"labels\":[\"a\",\"botnet\"],\"x_feed_tags\":\"botnet\""),
            Malware(",\"x_feed_tags\":[\"banking\",\"a\",7,{\"nested\":1}],\"labels\":[\"banking\",\"a\",\"7\"]").Replace(MalwareId, "malware--22222222-2222-4222-8222-222222222223", StringComparison.Ordinal));
    }

    // Rule 7 ---------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[domain-name:value = 'evil.com']", "evil.com")]
    [InlineData("[file:hashes.'SHA-256' = 'abcd']", "abcd")]
    [InlineData("[url:value = 'http://a/?q=x AND y OR z']", "http://a/?q=x AND y OR z")]
    [InlineData("[email-addr:value = 'o\\'reilly AND co@x.com']", "o'reilly AND co@x.com")]
    [InlineData("[ipv4-addr:value = '1.1.1.1' AND ipv4-addr:value = '2.2.2.2']", "Several")]
    [InlineData("[ipv4-addr:value = '1.1.1.1'] OR [url:value = 'u']", "Several")]
    [InlineData("[a:b = 'x'] FOLLOWEDBY [c:d = 'y']", "Several")]
    public void Transform_ForcePatternAsName_UsesValueOrMultipleName(string pattern, string expectedName)
    {
        var options = Plain();
        options.ForcePatternAsName = true;
        options.ForceMultiplePatternName = "Several";
        var input = Indicator(pattern, ",\"name\":\"producer name\"");

        using var page = TransformHarness.Run(options, input);

        var output = System.Text.Json.Nodes.JsonNode.Parse(page.GetObjectJson(0))!;
        output["name"]!.GetValue<string>().Should().Be(expectedName);
        output["pattern"]!.GetValue<string>().Should().Be(pattern);
    }

    [Fact]
    public void Transform_ForcePatternAsNameWithoutQuotedValue_KeepsName()
    {
        var options = Plain();
        options.ForcePatternAsName = true;

        using var page = TransformHarness.Run(options, Indicator("[network-traffic:dst_port = 443]", ",\"name\":\"keep\""));

        ShouldProduce(page, Indicator("[network-traffic:dst_port = 443]", ",\"name\":\"keep\",\"x_opencti_main_observable_type\":\"Network-Traffic\",\"x_opencti_create_observables\":true"));
    }

    // Rule 8 ---------------------------------------------------------------------------------------------------------

    private static StixTransformerOptions Scoring()
    {
        var options = Plain();
        options.DetermineScoreByLabel = true;
        options.HighScoreLabels = ["high", "critical"];
        options.MediumScoreLabels = ["medium"];
        options.LowScoreLabels = ["low"];
        options.DefaultScore = 50;
        return options;
    }

    [Theory]
    [InlineData(",\"labels\":[\"x\",\"CRITICAL\"],\"x_opencti_score\":10", 80)] // high overrides an existing score
    [InlineData(",\"labels\":[\"Medium\"]", 60)]
    [InlineData(",\"labels\":[\"medium\"],\"x_opencti_score\":10", 10)] // medium only where none
    [InlineData(",\"labels\":[\"low\"]", 40)]
    [InlineData(",\"labels\":[\"other\"]", 50)] // default where none
    [InlineData(",\"labels\":[\"other\"],\"x_opencti_score\":33", 33)]
    [InlineData("", 50)] // Python: no labels, no score
    [InlineData(",\"x_opencti_score\":20", 20)]
    public void Transform_ScoreByLabel_AppliesPrecedence(string extra, int expected)
    {
        using var page = TransformHarness.Run(Scoring(), Indicator("[url:value = 'u']", extra));

        var output = System.Text.Json.Nodes.JsonNode.Parse(page.GetObjectJson(0))!;
        output["x_opencti_score"]!.GetValue<int>().Should().Be(expected);
        TransformHarness.Json(page, 0).Split("x_opencti_score").Length.Should().Be(2, "the score appears once");
    }

    [Fact]
    public void Transform_ScoreByLabel_ScoresObservablesAndLeavesOtherObjects()
    {
        using var page = TransformHarness.Run(Scoring(),
            Ipv4(",\"x_opencti_labels\":[\"high\"]"),
            Malware(",\"labels\":[\"high\"]"));

        ShouldProduce(page,
            Ipv4(",\"x_opencti_labels\":[\"high\"],\"x_opencti_create_indicator\":true,\"x_opencti_score\":80"),
            Malware(",\"labels\":[\"high\"]"));
    }

    [Fact]
    public void Transform_ScoreByLabelOff_WritesNoScore()
    {
        using var page = TransformHarness.Run(Plain(), Indicator("[url:value = 'u']", ",\"labels\":[\"high\"]"));

        TransformHarness.Json(page, 0).Should().NotContain("x_opencti_score");
    }

    [Theory]
    [InlineData(",\"confidence\":85", 85)]
    [InlineData(",\"confidence\":85,\"x_opencti_score\":12", 12)]
    public void Transform_CopyConfidenceToScore_FillsMissingScore(string extra, int expected)
    {
        var options = Plain();
        options.CopyConfidenceToScore = true;

        using var page = TransformHarness.Run(options, Indicator("[url:value = 'u']", extra), Malware(",\"confidence\":90"));

        System.Text.Json.Nodes.JsonNode.Parse(page.GetObjectJson(0))!["x_opencti_score"]!.GetValue<int>().Should().Be(expected);
        TransformHarness.Json(page, 1).Should().NotContain("x_opencti_score");
    }

    // Rule 9 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void Transform_SetIndicatorAsDetection_FlagsIndicatorsOnly()
    {
        var options = Plain();
        options.SetIndicatorAsDetection = true;

        using var page = TransformHarness.Run(options, Indicator("[url:value = 'u']", ",\"x_opencti_detection\":false"), Malware());

        ShouldProduce(page,
            Indicator("[url:value = 'u']", ",\"x_opencti_main_observable_type\":\"Url\",\"x_opencti_create_observables\":true,\"x_opencti_detection\":true"),
            Malware());
    }

    // Rule 10 --------------------------------------------------------------------------------------------------------

    private static StixTransformerOptions Author()
    {
        var options = Plain();
        options.CreateAuthor = true;
        options.AuthorName = "ACME Corp";
        options.AuthorDescription = "Our feed";
        options.AuthorReliability = "B - Usually reliable";
        return options;
    }

    [Fact]
    public void Transform_CreateAuthor_SharesIdentityWithOpenCtiIdAndSetsMissingCreatedByRef()
    {
        const string author = "identity--542072da-8b33-50bf-810b-d9cfd2a0bc69";
        var marking = """{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"green"}}""";

        using var page = TransformHarness.Run(Author(),
            Malware(),
            Malware($",\"created_by_ref\":\"{ProducerId}\"").Replace(MalwareId, "malware--22222222-2222-4222-8222-222222222223", StringComparison.Ordinal),
            marking);

        page.SharedObjects.Should().ContainSingle();
        JsonAssert.Equal($$"""{"type":"identity","spec_version":"2.1","id":"{{author}}","created":"2026-01-02T03:04:05.000Z","modified":"2026-01-02T03:04:05.000Z","name":"ACME Corp","description":"Our feed","identity_class":"organization","x_opencti_reliability":"B - Usually reliable"}""",
            page.SharedObjects[0].Json.Span);
        ShouldProduce(page,
            Malware($",\"created_by_ref\":\"{author}\""),
            Malware($",\"created_by_ref\":\"{ProducerId}\"").Replace(MalwareId, "malware--22222222-2222-4222-8222-222222222223", StringComparison.Ordinal),
            marking);
    }

    [Fact]
    public void Transform_AuthorOverride_ReplacesProducerCreatedByRef()
    {
        var options = Author();
        options.AuthorOverride = true;

        using var page = TransformHarness.Run(options, Malware($",\"created_by_ref\":\"{ProducerId}\""));

        ShouldProduce(page, Malware(",\"created_by_ref\":\"identity--542072da-8b33-50bf-810b-d9cfd2a0bc69\""));
    }

    [Fact]
    public void Constructor_AuthorNameMissing_RequiredOnlyWithCreateAuthor()
    {
        var off = Plain();
        off.AuthorName = null;
        var on = Plain();
        on.CreateAuthor = true;
        on.AuthorName = "  ";

        var create = () => TransformHarness.Create(off);
        create.Should().NotThrow();
        TransformHarness.Create(off).SharedObjects.Should().BeEmpty();
        var fail = () => TransformHarness.Create(on);
        fail.Should().Throw<ArgumentException>().WithMessage("*TAXII2_AUTHOR_NAME*");
    }

    // Rule 11 --------------------------------------------------------------------------------------------------------

    [Fact]
    public void Transform_ExcludeAndReplaceLabels_AppliesBothInOrder()
    {
        var options = Plain();
        options.ExcludeLabelPatterns = ["^tlp:", "internal"];
        options.LabelReplacements = [new("_", " "), new("/", "-")];

        using var page = TransformHarness.Run(options,
            Malware(",\"labels\":[\"tlp:green\",\"apt_28\",\"very-internal-thing\",\"a/b\",\"apt 28\"]"),
            Ipv4(",\"labels\":[\"tlp:red\",\"c_d\"],\"x_opencti_labels\":[\"e_f\"]"));

        ShouldProduce(page,
            Malware(",\"labels\":[\"apt 28\",\"a-b\"]"),
            Ipv4(",\"x_opencti_create_indicator\":true,\"x_opencti_labels\":[\"e f\"],\"labels\":[\"c d\"]"));
    }

    [Fact]
    public void Constructor_InvalidRegexOrReplacement_ThrowsBeforeAnyPage()
    {
        var badRegex = Plain();
        badRegex.ExcludeLabelPatterns = ["(unclosed"];
        var badPair = Plain();
        badPair.LabelReplacements = [new("", "x")];

        ((Action)(() => TransformHarness.Create(badRegex))).Should().Throw<ArgumentException>().WithMessage("*TAXII2_LABELS_TO_EXCLUDE*(unclosed*");
        ((Action)(() => TransformHarness.Create(badPair))).Should().Throw<ArgumentException>().WithMessage("*find:replace*");
    }

    // Rule 12 --------------------------------------------------------------------------------------------------------

    [Fact]
    public void Transform_SaveOriginalIndicatorId_AddsDeterministicNote()
    {
        var options = Author();
        options.SaveOriginalIndicatorIdToNote = true;
        options.OriginalIndicatorIdNoteAbstract = "Original id";
        var input = Indicator("[url:value = 'u']", ",\"object_marking_refs\":[\"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82\"]");
        var noteId = OpenCtiIds.Note(IndicatorId);

        using var first = TransformHarness.Run(TransformHarness.Create(options, time: new FakeTimeProvider(TransformHarness.Now)), input);
        using var again = TransformHarness.Run(TransformHarness.Create(options, time: new FakeTimeProvider(TransformHarness.Now.AddDays(3))), input);

        first.Count.Should().Be(2);
        JsonAssert.Equal($$"""{"type":"note","spec_version":"2.1","id":"{{noteId}}",{{Common.Replace("modified\":\"2024-01-01T00:00:00.000Z", "modified\":\"2024-01-01T00:00:00.000Z", StringComparison.Ordinal)}},"abstract":"Original id","content":"{{IndicatorId}}","object_refs":["{{IndicatorId}}"],"created_by_ref":"identity--542072da-8b33-50bf-810b-d9cfd2a0bc69","object_marking_refs":["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]}""",
            first.GetObjectJson(1));
        first.GetSourceIndex(1).Should().Be(-1);
        first.GetMadeFromSourceIndex(1).Should().Be(0, "the note is made from the indicator alone: de-duplication sends it with the indicator's versions");
        first.GetMadeFromSourceIndex(0).Should().Be(-1);
        using (var builder = new TransformedPageBuilder(1024, 2))
        {
            builder.Add(first, 1);
            using var rebuilt = builder.Build(1, []);
            rebuilt.GetMadeFromSourceIndex(0).Should().Be(0, "a stage that rebuilds the page keeps where each object came from");
        }

        first.EntityTypes.Should().BeEquivalentTo(["indicator", "note"]);
        // Python: a new created=now() per fetch gives a new note every time.
        TransformHarness.Json(again, 1).Should().Be(TransformHarness.Json(first, 1));
    }

    // Rule 13 --------------------------------------------------------------------------------------------------------

    [Fact]
    public void Transform_ReportStatus_SetsWorkflowIdOnReportsOnly()
    {
        var options = Plain();
        options.ReportStatusWorkflowId = "b5f6e7c1-0000-4000-8000-000000000001";
        var report = $$"""{"type":"report","spec_version":"2.1","id":"{{ReportId}}",{{Common}},"name":"r","published":"2024-01-01T00:00:00Z","object_refs":["{{MalwareId}}"],"x_opencti_workflow_id":"old"}""";

        using var page = TransformHarness.Run(options, report, Malware());

        ShouldProduce(page,
            report.Replace("\"old\"", "\"b5f6e7c1-0000-4000-8000-000000000001\"", StringComparison.Ordinal),
            Malware());
    }

    // Rule 14 --------------------------------------------------------------------------------------------------------

    [Fact]
    public void Transform_DefaultMarkingClear_MarksUnmarkedObjectsAndSharesTheDefinition()
    {
        var options = Plain();
        options.DefaultMarking = "TLP:CLEAR";
        var marked = Malware(",\"object_marking_refs\":[\"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed\"]").Replace(MalwareId, "malware--22222222-2222-4222-8222-222222222223", StringComparison.Ordinal);

        using var page = TransformHarness.Run(options, Malware(",\"object_marking_refs\":[]"), marked, Ipv4());

        ShouldProduce(page,
            Malware(",\"object_marking_refs\":[\"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9\"]"),
            marked,
            Ipv4(",\"x_opencti_create_indicator\":true,\"object_marking_refs\":[\"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9\"]"));
        page.SharedObjects.Should().ContainSingle().Which.Id.Should().Be(TlpMarking.Clear.Id);
    }

    [Theory]
    [InlineData("TLP:GREEN", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", false)]
    [InlineData("tlp:amber", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", false)]
    [InlineData("TLP:AMBER+STRICT", "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37", true)]
    [InlineData("RED", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", false)]
    [InlineData("TLP:WHITE", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", true)]
    public void Transform_DefaultMarking_UsesOpenCtiStaticIds(string level, string expectedId, bool shipsDefinition)
    {
        var options = Plain();
        options.DefaultMarking = level;

        using var page = TransformHarness.Run(options, Malware());

        ShouldProduce(page, Malware($",\"object_marking_refs\":[\"{expectedId}\"]"));
        page.SharedObjects.Select(s => s.Id).Should().BeEquivalentTo(shipsDefinition ? [expectedId] : Array.Empty<string>());
    }

    [Fact]
    public void Constructor_UnknownDefaultMarking_Throws()
    {
        var options = Plain();
        options.DefaultMarking = "TLP:PURPLE";

        ((Action)(() => TransformHarness.Create(options))).Should().Throw<ArgumentException>().WithMessage("*TLP:PURPLE*");
    }

    // Rule 15 --------------------------------------------------------------------------------------------------------

    [Fact]
    public void Transform_InvalidEntries_DroppedOneByOneWithReasonsAndLogged()
    {
        var logger = new ListLogger<StixTransformer>();
        var transformer = TransformHarness.Create(Plain(), logger);

        using var page = TransformHarness.Run(transformer,
            "42",
            "[\"not\",\"an object\"]",
            $$"""{"id":"{{MalwareId}}","name":"no type"}""",
            """{"type":"malware","name":"no id"}""",
            $$"""{"type":"indicator","id":"{{MalwareId}}"}""",
            """{"type":"malware","id":"malware--not-a-uuid"}""",
            """{"type":"malware","id":17}""",
            Malware());

        ShouldProduce(page, Malware());
        page.ObjectsIn.Should().Be(8);
        page.Dropped.Select(d => (d.SourceIndex, d.Reason)).Should().Equal(
            (0, DropReason.NotAnObject),
            (1, DropReason.NotAnObject),
            (2, DropReason.MissingType),
            (3, DropReason.MissingId),
            (4, DropReason.MalformedId),
            (5, DropReason.MalformedId),
            (6, DropReason.MissingId));
        page.GetSourceIndex(0).Should().Be(7);
        logger.Entries.Count(e => e.Level == LogLevel.Warning).Should().Be(7);
        logger.Entries.Should().Contain(e => e.Message.Contains("malformed_id", StringComparison.Ordinal) && e.Message.Contains("malware--not-a-uuid", StringComparison.Ordinal));
    }

    // Whole pipeline of rules ----------------------------------------------------------------------------------------

    [Fact]
    public void Transform_UntouchedProperties_CopiedAsTheyAre()
    {
        var input = Malware(",\"description\":\"Ünïcode – \\\"quoted\\\" <b>&amp;</b> \\u0001\",\"extensions\":{\"extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba\":{\"score\":12.5,\"list\":[1,null,true]}},\"x_big\":12345678901234567890");

        using var page = TransformHarness.Run(Plain(), input);

        ShouldProduce(page, input);
    }

    [Fact]
    public void Transform_EntityTypes_AreTheDistinctWrittenTypes()
    {
        using var page = TransformHarness.Run(Plain(), Malware(), Ipv4(), Indicator("[url:value = 'u']"), "1");

        page.EntityTypes.Should().BeEquivalentTo(["malware", "ipv4-addr", "indicator"]);
        page.ObjectsOut.Should().Be(3);
    }
}
