using TaxiiConnector.Observability;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// The reasons a run report gives for dropped entries, coarser than the metric's labels: <c>invalid</c> (bad input, or
/// too large for any bundle), <c>filtered</c> (an ignore option), <c>duplicate</c> (the sink already has this version),
/// <c>unsupported_type</c> (a type the platform does not import, dropped as its client's splitter does). Any other
/// label is its own reason (<c>incompatible_relationship</c>, and stages added later), under the label it gives the metric.
/// </summary>
internal static class DropCategories
{
    public const string Invalid = "invalid";
    public const string Filtered = "filtered";
    public const string Duplicate = "duplicate";

    private static readonly Dictionary<string, string> ByLabel = Build();

    public static string Of(string label) => ByLabel.GetValueOrDefault(label, label);

    /// <summary>Adds a page's drop counts (by metric label) to a report's counts (by category).</summary>
    public static void AddTo(Dictionary<string, long> categories, IReadOnlyDictionary<string, int> labels)
    {
        foreach (var (label, count) in labels)
        {
            var category = Of(label);
            categories[category] = categories.GetValueOrDefault(category) + count;
        }
    }

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PagePushed.RejectedBySource] = Invalid,
            [Duplicate] = Duplicate,
        };
        foreach (var reason in Enum.GetValues<DropReason>())
        {
            map[reason.ToLabel()] = reason switch
            {
                _ when reason.IsInvalidInput() => Invalid,
                // Not an option of the connector: the platform's client drops these, and their own names say why.
                DropReason.UnsupportedType or DropReason.IncompatibleRelationship => reason.ToLabel(),
                _ => Filtered,
            };
        }

        return map;
    }
}
