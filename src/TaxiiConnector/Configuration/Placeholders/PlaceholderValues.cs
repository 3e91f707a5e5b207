using System.Text.RegularExpressions;

namespace TaxiiConnector.Configuration.Placeholders;

/// <summary>
/// Values the samples and deployment files ship for the user to replace (<c>ChangeMe</c>, the all-zero UUID of the
/// Kubernetes ConfigMap, <c>&lt;token&gt;</c>): set as is, they fail later as a confusing 401 or a clash in OpenCTI.
/// </summary>
public static partial class PlaceholderValues
{
    public static bool IsPlaceholder(string? value) => value is not null && Placeholder().IsMatch(value.Trim());

    // ChangeMe / change-me / CHANGE_ME, ReplaceMe, <anything in angle brackets>, your-token-here, and a UUID that is all
    // zeros apart from its version and variant digits (00000000-0000-4000-8000-000000000000).
    [GeneratedRegex(
        @"^(?:change[-_ ]?me|replace[-_ ]?me|<[^<>]*>|your[-_ ][\w-]*[-_ ]here|0{8}-0{4}-[0-9]0{3}-[0-9a-f]0{3}-0{12})$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
