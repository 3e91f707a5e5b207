using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// Configures the push endpoint's transformer options, one named per collection (<see cref="NameOf"/>): the section's
/// object-processing settings, with the collection's author (its own, else the section's <c>author_name</c> when
/// <c>create_author</c> is on) and its copy-confidence switch. The name of the section alone is for an envelope whose
/// collection the configuration no longer has.
/// </summary>
internal sealed class PushTransformerOptionsSetup(TaxiiPushOptions section) : IConfigureNamedOptions<StixTransformerOptions>
{
    /// <summary>The options name for <paramref name="collectionId"/> (null: the section's own options).</summary>
    public static string NameOf(string? collectionId) =>
        collectionId is null ? TaxiiPushOptions.SectionName : $"{TaxiiPushOptions.SectionName}/{collectionId}";

    public void Configure(StixTransformerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, StixTransformerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var collection = section.Collections.FirstOrDefault(candidate => string.Equals(NameOf(candidate.Id), name, StringComparison.Ordinal));
        if (collection is null && !string.Equals(name, NameOf(null), StringComparison.Ordinal))
        {
            return;
        }

        var transform = section.Transform;
        new StixTransformerOptionsSetup(TaxiiPushOptions.SectionName, transform).Configure(TaxiiPushOptions.SectionName, options);
        var authorName = collection?.AuthorName ?? (transform.CreateAuthor ? transform.AuthorName : null);
        options.CreateAuthor = authorName is not null;
        options.AuthorName = authorName;
        options.AuthorReliability = collection?.AuthorReliability ?? transform.AuthorReliability;
        options.CopyConfidenceToScore = collection?.CopyConfidenceToScore ?? section.CopyConfidenceToScore;
    }
}
