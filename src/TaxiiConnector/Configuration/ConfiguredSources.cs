using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace TaxiiConnector.Configuration;

/// <summary>
/// The sources this process runs: every registered source section (<see cref="ConfigSectionDescriptor.ForSource{TOptions}"/>)
/// whose switch is on. One process may run one source or several.
/// </summary>
public sealed class ConfiguredSources
{
    public IReadOnlyList<string> Enabled { get; set; } = [];

    public bool IsEnabled(string sectionName) => Enabled.Contains(sectionName, StringComparer.OrdinalIgnoreCase);

    /// <summary>The "no source configured" problem, naming the switch of every registered source (TAXII 2 first).</summary>
    public static ConfigProblem NoSourceProblem(IEnumerable<ConfigSectionDescriptor> sections)
    {
        var switches = sections.Where(section => section.IsSource).Select(section => section.EnabledBy!).ToList();
        var first = switches.FirstOrDefault();
        var others = switches.Skip(1).Select(key => key.DisplayName).ToList();
        var message = others.Count == 0
            ? "no source is configured: set it to the TAXII 2 server's discovery URL"
            : $"no source is configured: set it to the TAXII 2 server's discovery URL, or configure another source ({string.Join(", ", others)})";
        return new ConfigProblem(first, message);
    }
}

internal sealed class ConfiguredSourcesConfigurer : IConfigureOptions<ConfiguredSources>
{
    private readonly IConfiguration _configuration;

    public ConfiguredSourcesConfigurer(IConfiguration configuration) => _configuration = configuration;

    public void Configure(ConfiguredSources options) =>
        options.Enabled = [.. ConfigSections.All.Where(section => section.IsEnabledIn(_configuration)).Select(section => section.Name)];
}

internal sealed class ConfiguredSourcesValidator : IValidateOptions<ConfiguredSources>
{
    public ValidateOptionsResult Validate(string? name, ConfiguredSources options) =>
        options.Enabled.Count > 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(ConfiguredSources.NoSourceProblem(ConfigSections.All).ToString());
}
