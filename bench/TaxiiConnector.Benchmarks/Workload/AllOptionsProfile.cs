using Microsoft.Extensions.Configuration;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Benchmarks.Workload;

/// <summary>
/// "All options on": every transformer rule that does work on the generated collection's objects is switched on, and
/// every filter is armed with values that match nothing, so each object pays for every check yet reaches the sink.
/// One table feeds both the micro-benchmarks (options object) and the end-to-end run (configuration keys), so the two
/// always measure the same work.
/// </summary>
internal static class AllOptionsProfile
{
    public const string CustomLabel = "taxii-connector-bench";
    public const string AuthorName = "TaxiiConnector Benchmark";

    /// <summary>The <c>taxii2:*</c> configuration keys (the connector's own names) that select this profile.</summary>
    public static IReadOnlyDictionary<string, string> ConfigurationKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["add_custom_label"] = "true",
        ["custom_label"] = CustomLabel,
        ["stix_custom_property_to_label"] = "true",
        ["stix_custom_property"] = "indicator_types",
        ["force_pattern_as_name"] = "true",
        ["determine_x_opencti_score_by_label"] = "true",
        ["set_indicator_as_detection"] = "true",
        ["create_author"] = "true",
        ["author_name"] = AuthorName,
        ["author_description"] = "Generated benchmark data.",
        ["author_override"] = "true",
        ["exclude_specific_labels"] = "true",
        ["labels_to_exclude"] = "^internal-,^do-not-share$",
        ["replace_characters_in_label"] = "true",
        ["characters_to_replace_in_label"] = "_: ",
        ["ignore_pattern_types"] = "true",
        ["pattern_types_to_ignore"] = "yara,sigma",
        ["ignore_object_types"] = "true",
        ["object_types_to_ignore"] = "x-bench-never",
        ["ignore_specific_patterns"] = "true",
        ["patterns_to_ignore"] = "never-matches.invalid",
        ["ignore_specific_notes"] = "true",
        ["notes_to_ignore"] = "never-matches",
        ["save_original_indicator_id_to_note"] = "true",
        ["change_report_status"] = "true",
        ["change_report_status_x_opencti_workflow_id"] = "b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d",
        ["default_marking"] = "TLP:GREEN",
    };

    /// <summary>The same profile as an options object, read from <see cref="ConfigurationKeys"/> as the connector reads them.</summary>
    public static StixTransformerOptions Create() => FromTaxii2Section(ConfigurationKeys);

    /// <summary>The defaults: only the rules that are on unless configured off (create flags, missing pattern_type).</summary>
    public static StixTransformerOptions Plain() => FromTaxii2Section(new Dictionary<string, string>());

    private static StixTransformerOptions FromTaxii2Section(IReadOnlyDictionary<string, string> keys)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(keys.Select(pair => new KeyValuePair<string, string?>(Taxii2Options.SectionName + ":" + pair.Key, pair.Value)))
            .Build();
        var reader = new ConfigSectionReader(configuration);
        var section = new Taxii2Options();
        section.Read(reader);
        if (reader.Problems.Count > 0)
        {
            throw new InvalidOperationException("The benchmark profile does not read: " + string.Join("; ", reader.Problems));
        }

        return StixTransformerOptionsSetup.Create(Taxii2Options.SectionName, section.Transform);
    }
}
