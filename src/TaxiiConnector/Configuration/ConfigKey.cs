namespace TaxiiConnector.Configuration;

/// <summary>
/// One setting as configuration sees it, derived from its declaration (a <see cref="Declarations.SettingAttribute"/> on a
/// section's options property): its section and name (YAML <c>section.name</c>, environment <c>SECTION_NAME</c>,
/// <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> path <c>section:name</c>), its documented default
/// (as a user would write it; empty: unset) and meaning, from which the README, <c>config.yml.sample</c> and
/// <c>check-config</c> are generated.
/// </summary>
public sealed record ConfigKey(string Section, string Name, string DefaultValue, string Description)
{
    /// <summary>Tokens, passwords, API keys: masked in <c>check-config</c> and never echoed in a problem message.</summary>
    public bool IsSecret { get; init; }

    /// <summary>The key exists in OpenCTI's Python connector (or pycti) with the same meaning: documented first.</summary>
    public bool IsPythonKey { get; init; }

    /// <summary>Other YAML names read when this one is unset (the Python connector reads <c>taxii2.v2.1</c>).</summary>
    public IReadOnlyList<string> YamlAliases { get; init; } = [];

    /// <summary>The key holds a nested structure (a YAML mapping or sequence), so its children are known too.</summary>
    public bool IsStructured { get; init; }

    public string EnvironmentVariable => $"{Section}_{Name}".ToUpperInvariant();

    public string YamlKey => $"{Section}.{Name}";

    public string ConfigurationPath => $"{Section}:{Name}";

    /// <summary>Both names a user may have used, for messages: <c>TAXII2_DISCOVERY_URL (taxii2.discovery_url)</c>.</summary>
    public string DisplayName => $"{EnvironmentVariable} ({YamlKey})";

    public override string ToString() => DisplayName;
}
