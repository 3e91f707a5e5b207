using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TaxiiConnector.Configuration;

/// <summary>
/// Runs every <c>ValidateOnStart</c> validation now and returns each failure line (empty when valid). One problem is
/// one line: several validators look at the same setting (the section's own rules, the placeholder check, the OpenCTI
/// client's), so a setting already named by an earlier validator is not reported again by a later one, and a
/// placeholder line replaces what the value's format would otherwise produce.
/// </summary>
public static partial class StartupValidation
{
    public static IReadOnlyList<string> Collect(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return OnePerSetting([exception.Failures]);
        }
        catch (AggregateException exception)
        {
            return OnePerSetting(exception.Flatten().InnerExceptions
                .Select(inner => inner is OptionsValidationException validation ? validation.Failures : [inner.Message]));
        }
    }

    /// <summary>Keeps every line of the first validator naming a setting; later validators' lines on it are dropped.</summary>
    private static List<string> OnePerSetting(IEnumerable<IEnumerable<string>> failuresPerValidator)
    {
        var groups = failuresPerValidator.Select(failures => failures.ToList()).ToList();
        var placeholders = groups.SelectMany(lines => lines)
            .Where(line => line.Contains(Placeholders.PlaceholderValidator.Marker, StringComparison.Ordinal))
            .Select(Setting)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<string>();
        foreach (var lines in groups)
        {
            foreach (var line in lines)
            {
                var setting = Setting(line);
                var keep = setting is null
                    || (placeholders.Contains(setting)
                        ? line.Contains(Placeholders.PlaceholderValidator.Marker, StringComparison.Ordinal)
                        : !named.Contains(setting));
                if (keep)
                {
                    kept.Add(line);
                }
            }

            named.UnionWith(lines.Select(Setting).OfType<string>());
        }

        return kept;
    }

    /// <summary>The environment variable a failure line starts with (<c>OPENCTI_URL (opencti.url): ...</c>), if any.</summary>
    private static string? Setting(string line)
    {
        var match = SettingPrefix().Match(line);
        return match.Success ? match.Groups[1].Value : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^([A-Z][A-Z0-9_]*) \(")]
    private static partial System.Text.RegularExpressions.Regex SettingPrefix();
}
