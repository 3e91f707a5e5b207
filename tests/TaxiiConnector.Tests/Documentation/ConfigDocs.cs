using System.Globalization;
using System.Text;
using TaxiiConnector.Configuration;

namespace TaxiiConnector.Tests.Documentation;

/// <summary>
/// Renders the configuration reference's table (<c>docs/configuration.md</c>) and <c>config.yml.sample</c> from the
/// registered keys. The docs tests compare
/// the files with these; run the tests with <c>TAXII_CONNECTOR_UPDATE_DOCS=1</c> to rewrite them after adding keys.
/// </summary>
internal static class ConfigDocs
{
    public const string TableStart = "<!-- config-table:start (generated from the options classes; see tests/TaxiiConnector.Tests/Documentation) -->";
    public const string TableEnd = "<!-- config-table:end -->";

    /// <summary>The configuration reference the README links to, relative to the repository root.</summary>
    public const string ReferencePath = "docs/configuration.md";

    public static bool UpdateRequested => Environment.GetEnvironmentVariable("TAXII_CONNECTOR_UPDATE_DOCS") == "1";

    public static string RenderReadmeTable()
    {
        var builder = new StringBuilder();
        foreach (var section in ConfigSections.All)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\n**`{section.Name}`**{(section.IsSource ? $" (a source: on when `{section.EnabledBy!.EnvironmentVariable}` is set)" : string.Empty)}\n\n");
            builder.Append("| Environment variable | YAML key | Default | Meaning |\n");
            builder.Append("|---|---|---|---|\n");
            foreach (var key in Ordered(section))
            {
                var yaml = key.YamlAliases.Count == 0
                    ? $"`{key.YamlKey}`"
                    : $"`{key.YamlKey}` (or {string.Join(", ", key.YamlAliases.Select(alias => $"`{key.Section}.{alias}`"))})";
                var defaultValue = key.DefaultValue.Length == 0 ? string.Empty : $"`{key.DefaultValue}`";
                var origin = key.IsPythonKey ? string.Empty : " *(new)*";
                var secret = key.IsSecret ? " Secret: masked in check-config, never logged." : string.Empty;
                builder.Append(CultureInfo.InvariantCulture, $"| `{key.EnvironmentVariable}` | {yaml} | {defaultValue} | {Escape(key.Description)}{secret}{origin} |\n");
            }
        }

        return builder.ToString();
    }

    public static string RenderSample()
    {
        var builder = new StringBuilder();
        builder.Append("# TaxiiConnector configuration: every key with its default.\n");
        builder.Append("# Copy to config.yml and change what you need (run: dotnet TaxiiConnector.dll check-config).\n");
        builder.Append("# Every key is also an environment variable, SECTION_KEY upper-cased (taxii2.discovery_url -> TAXII2_DISCOVERY_URL);\n");
        builder.Append("# the environment wins over this file. Keys of OpenCTI's Python TAXII 2 connector come first in each section;\n");
        builder.Append("# those marked (new) are this connector's own. Empty values mean unset.\n");
        builder.Append("# This file is generated from the options classes (tests/TaxiiConnector.Tests/Documentation/ConfigDocs.cs).\n");
        foreach (var section in ConfigSections.All)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\n{section.Name}:\n");
            foreach (var key in Ordered(section))
            {
                var aliases = key.YamlAliases.Count == 0 ? string.Empty : $" Also read as {string.Join(", ", key.YamlAliases)}.";
                builder.Append(CultureInfo.InvariantCulture, $"  # {key.EnvironmentVariable}{(key.IsPythonKey ? string.Empty : " (new)")}: {key.Description}{aliases}\n");
                builder.Append(CultureInfo.InvariantCulture, $"  {key.Name}: {YamlValue(key.DefaultValue)}\n");
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<ConfigKey> Ordered(ConfigSectionDescriptor section) =>
        section.Keys.Where(key => key.IsPythonKey).Concat(section.Keys.Where(key => !key.IsPythonKey));

    private static string YamlValue(string value) =>
        value is "true" or "false" || long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? value
            : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
