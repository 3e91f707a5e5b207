using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using TaxiiConnector.Configuration.Environment;
using TaxiiConnector.Configuration.Yaml;

namespace TaxiiConnector.Configuration;

/// <summary>
/// Writes every known key with its effective value and where it came from (environment, file, default), secrets
/// masked: the output of <c>check-config</c>, safe to paste into a support ticket. The sections of sources that are
/// switched off are left out (named in one line) unless all sections are asked for.
/// </summary>
public static class EffectiveConfigurationWriter
{
    public const string Mask = "********";

    public static void Write(IConfigurationRoot configuration, TextWriter output, bool allSections = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var reader = new ConfigSectionReader(configuration);
        var hidden = allSections
            ? []
            : ConfigSections.All.Where(section => section.IsSource && !section.IsEnabledIn(configuration)).ToList();
        foreach (var section in ConfigSections.All.Except(hidden))
        {
            output.WriteLine($"[{section.Name}]");
            foreach (var key in section.Keys)
            {
                var raw = reader.GetRawValue(key);
                string shown;
                if (raw is null && key.IsStructured && reader.GetSection(key).GetChildren().Any())
                {
                    shown = $"({reader.GetSection(key).GetChildren().Count()} entries)";
                }
                else
                {
                    shown = Display(key, raw ?? key.DefaultValue);
                }

                output.WriteLine($"  {key.Name} = {shown}    # {key.EnvironmentVariable}, {Origin(configuration, key)}");
            }
        }

        if (hidden.Count > 0)
        {
            output.WriteLine($"# sources off, settings not shown: {string.Join(", ", hidden.Select(section => section.Name))} (check-config --all shows them)");
        }
    }

    /// <summary>The value as check-config shows it: secrets masked, credentials in URLs masked.</summary>
    public static string Display(ConfigKey key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "(unset)";
        }

        if (key.IsSecret)
        {
            return Mask;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            return new UriBuilder(uri) { UserName = Mask, Password = string.Empty }.Uri.ToString();
        }

        return value;
    }

    private static string Origin(IConfigurationRoot configuration, ConfigKey key)
    {
        var paths = new[] { key.ConfigurationPath }.Concat(key.YamlAliases.Select(alias => $"{key.Section}:{alias}"));
        foreach (var provider in configuration.Providers.Reverse())
        {
            if (paths.Any(path => provider.TryGet(path, out var value) && !string.IsNullOrWhiteSpace(value)))
            {
                return provider switch
                {
                    YamlConfigFileProvider => "file",
                    MemoryConfigurationProvider => "override",
                    _ when provider.GetType().DeclaringType == typeof(SectionEnvironmentVariablesSource) => "env",
                    _ => "other",
                };
            }
        }

        return "default";
    }
}
