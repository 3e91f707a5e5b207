using Microsoft.Extensions.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Sources.CyberThreatExchange;
using TaxiiConnector.Sources.Taxii2;

namespace TaxiiConnector.Configuration;

/// <summary>
/// The registry of configuration sections, and through them of every known key. A new section is one line in
/// <see cref="All"/> (see <see cref="IConfigSection{TSelf}"/>); everything else (DI registration with ValidateOnStart,
/// environment mapping, check-config, the README/sample/compose checks) follows from it.
/// </summary>
public static class ConfigSections
{
    /// <summary>
    /// Section names mapped from environment variables (<c>SECTION_KEY</c>), including those whose options class other
    /// work adds later, so their variables already reach configuration.
    /// </summary>
    public static IReadOnlyList<string> EnvironmentPrefixes { get; } =
        ["opencti", "connector", "taxii2", "taxii11", "cyberthreatexchange", "taxii_push", "mq", "metrics", "state"];

    // Each line stands apart so that sections added on different branches merge without conflicts.
    public static IReadOnlyList<ConfigSectionDescriptor> All { get; } =
    [
        ConfigSectionDescriptor.For<OpenCtiOptions>(),

        ConfigSectionDescriptor.For<ConnectorOptions>(),

        ConfigSectionDescriptor.ForSource<Taxii2Options>(),

        ConfigSectionDescriptor.ForSource<Sources.Taxii11.Taxii11Options>(),

        ConfigSectionDescriptor.ForSource<CyberThreatExchangeOptions>(),

        ConfigSectionDescriptor.ForSource<Sources.TaxiiPush.TaxiiPushOptions>(),

        ConfigSectionDescriptor.For<MqOptions>(),

        ConfigSectionDescriptor.For<MetricsOptions>(),

        ConfigSectionDescriptor.For<StateOptions>(),
    ];

    // The generic host writes these into the configuration it owns; they are not the user's.
    private static readonly string[] HostSettings =
        [Microsoft.Extensions.Hosting.HostDefaults.ApplicationKey, Microsoft.Extensions.Hosting.HostDefaults.ContentRootKey, Microsoft.Extensions.Hosting.HostDefaults.EnvironmentKey];

    /// <summary>Every key of every registered section, in documentation order.</summary>
    public static IReadOnlyList<ConfigKey> KnownKeys { get; } = [.. All.SelectMany(section => section.Keys)];

    public static ConfigKey? FindByEnvironmentVariable(string name) =>
        KnownKeys.FirstOrDefault(key => string.Equals(key.EnvironmentVariable, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds a key by YAML path (<c>taxii2.discovery_url</c>, aliases such as <c>taxii2.v2.1</c> included).</summary>
    public static ConfigKey? FindByYamlKey(string section, string name) =>
        KnownKeys.FirstOrDefault(key =>
            string.Equals(key.Section, section, StringComparison.OrdinalIgnoreCase)
            && (string.Equals(key.Name, name, StringComparison.OrdinalIgnoreCase)
                || key.YamlAliases.Contains(name, StringComparer.OrdinalIgnoreCase)));

    /// <summary>
    /// Settings present in configuration that no key declares (typos such as <c>TAXII2_DISCOVERY_ULR</c>, or a section
    /// of the file nobody reads), as YAML paths. Children of structured keys are known.
    /// </summary>
    public static IReadOnlyList<string> FindUnknownSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var unknown = new List<string>();
        foreach (var top in configuration.GetChildren())
        {
            if (!EnvironmentPrefixes.Contains(top.Key, StringComparer.OrdinalIgnoreCase)
                && !HostSettings.Contains(top.Key, StringComparer.OrdinalIgnoreCase)
                && !All.Any(section => string.Equals(section.Name, top.Key, StringComparison.OrdinalIgnoreCase)))
            {
                unknown.Add(top.Key);
            }
        }

        foreach (var section in All)
        {
            foreach (var child in configuration.GetSection(section.Name).GetChildren())
            {
                var key = FindByYamlKey(section.Name, child.Key);
                if (key is null)
                {
                    unknown.Add(EnvironmentVariableThatSet(configuration, child.Path) ?? $"{section.Name}.{child.Key}");
                }
            }
        }

        return unknown;
    }

    /// <summary>The environment variable, spelled as the user typed it, that set <paramref name="path"/>; null when a file did.</summary>
    private static string? EnvironmentVariableThatSet(IConfiguration configuration, string path) =>
        configuration is IConfigurationRoot root
            ? root.Providers.Reverse()
                .Where(provider => provider.TryGet(path, out _))
                .Select(provider => (provider as Environment.SectionEnvironmentVariablesSource.Provider)?.Source.VariableFor(path))
                .FirstOrDefault()
            : null;

    /// <summary>
    /// Settings of a source that is switched off, given a value other than their default (<c>TAXII_PUSH_LISTEN_URL</c>
    /// without <c>TAXII_PUSH_ENABLED</c>): almost always a forgotten switch. One line per such source, naming the keys and
    /// the switch, never the values (some are secrets).
    /// </summary>
    public static IReadOnlyList<string> FindIgnoredSourceSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var lines = new List<string>();
        foreach (var section in All)
        {
            if (!section.IsSource || section.IsEnabledIn(configuration))
            {
                continue;
            }

            var set = new List<string>();
            foreach (var child in configuration.GetSection(section.Name).GetChildren())
            {
                var key = FindByYamlKey(section.Name, child.Key);
                if (key is null || key == section.EnabledBy || !DiffersFromDefault(key, child) || set.Contains(key.DisplayName))
                {
                    continue;
                }

                set.Add(key.DisplayName);
            }

            if (set.Count > 0)
            {
                lines.Add($"{string.Join(", ", set)} {(set.Count == 1 ? "is" : "are")} set but the {section.Name} source is off "
                    + $"({section.EnabledBy!.DisplayName} switches it on); ignored");
            }
        }

        return lines;
    }

    private static bool DiffersFromDefault(ConfigKey key, IConfigurationSection value)
    {
        if (value.Value is null)
        {
            // A structured value (a YAML mapping or list) counts as set when it has entries.
            return value.GetChildren().Any();
        }

        var text = value.Value.Trim();
        return text.Length > 0 && !string.Equals(text, key.DefaultValue, StringComparison.OrdinalIgnoreCase);
    }
}
