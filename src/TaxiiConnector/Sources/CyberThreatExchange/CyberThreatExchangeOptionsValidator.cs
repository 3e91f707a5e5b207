using Microsoft.Extensions.Options;

namespace TaxiiConnector.Sources.CyberThreatExchange;

/// <summary>
/// Start-up validation of the <c>cyberthreatexchange</c> section: one message per problem, each naming the environment
/// variable and the YAML key, so the user can fix whichever of the two they use. A disabled section is not checked.
/// </summary>
internal sealed class CyberThreatExchangeOptionsValidator : IValidateOptions<CyberThreatExchangeOptions>
{
    private static readonly string[] Markings = ["TLP:CLEAR", "TLP:WHITE", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];

    public ValidateOptionsResult Validate(string? name, CyberThreatExchangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsEnabled)
            return ValidateOptionsResult.Success;

        var failures = new List<string>();
        if (!Uri.TryCreate(CyberThreatExchangeOptions.NormaliseBaseUrl(options.BaseUrl ?? ""), UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Key("base_url")} must be an absolute http or https URL such as {CyberThreatExchangeOptions.DefaultBaseUrl}.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
            failures.Add($"{Key("api_key")} is required when the Cyber Threat Exchange source is enabled (feed_ids is set).");

        if (options.FeedIds.Count == 0)
            failures.Add($"{Key("feed_ids")} needs at least one feed id (comma-separated) when the Cyber Threat Exchange source is enabled (api_key is set).");

        if (options.IntervalHours is < 1)
            failures.Add($"{Key("interval_hours")} must be at least 1 (hours); it is {options.IntervalHours}.");

        if (options.InitialHistoryHours is < 0)
            failures.Add($"{Key("initial_history")} must be 0 (whole history) or a positive number of hours; it is {options.InitialHistoryHours}.");

        if (options.MaxPages < 1)
            failures.Add($"{Key("max_pages")} must be at least 1; it is {options.MaxPages}.");

        var transform = options.Transform;
        if (transform.CreateAuthor && string.IsNullOrWhiteSpace(transform.AuthorName))
            failures.Add($"{Key("author_name")} is required when {Key("create_author")} is true.");

        if (transform.AddCustomLabel && string.IsNullOrWhiteSpace(transform.CustomLabel))
            failures.Add($"{Key("custom_label")} is required when {Key("add_custom_label")} is true.");

        if (transform.DefaultMarking is { } marking && !Markings.Contains(marking, StringComparer.OrdinalIgnoreCase))
            failures.Add($"{Key("default_marking")} must be one of {string.Join(", ", Markings)}; it is '{marking}'.");

        AddScoreFailure(failures, "default_x_opencti_score", transform.DefaultScore);
        AddScoreFailure(failures, "indicator_high_score", transform.HighScore);
        AddScoreFailure(failures, "indicator_medium_score", transform.MediumScore);
        AddScoreFailure(failures, "indicator_low_score", transform.LowScore);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary><c>CYBERTHREATEXCHANGE_API_KEY (cyberthreatexchange.api_key)</c>.</summary>
    internal static string Key(string key) =>
        $"{CyberThreatExchangeOptions.SectionName.ToUpperInvariant()}_{key.ToUpperInvariant()} ({CyberThreatExchangeOptions.SectionName}.{key})";

    private static void AddScoreFailure(List<string> failures, string key, int score)
    {
        if (score is < 0 or > 100)
            failures.Add($"{Key(key)} must be between 0 and 100; it is {score}.");
    }
}
