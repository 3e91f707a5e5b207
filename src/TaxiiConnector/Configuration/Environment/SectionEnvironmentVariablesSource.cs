using Microsoft.Extensions.Configuration;

namespace TaxiiConnector.Configuration.Environment;

/// <summary>
/// Maps <c>SECTION_KEY</c> environment variables to <c>section:key</c>, the Python connector's naming
/// (<c>TAXII2_DISCOVERY_URL</c> → <c>taxii2:discovery_url</c>). Sections are matched by known prefix, longest first, so
/// <c>TAXII_PUSH_ENABLED</c> is <c>taxii_push:enabled</c>; variables of no known section are ignored.
/// </summary>
public sealed class SectionEnvironmentVariablesSource : IConfigurationSource
{
    public SectionEnvironmentVariablesSource(IReadOnlyDictionary<string, string?> variables, IReadOnlyList<string> sections)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(sections);
        Variables = variables;
        Sections = sections;
    }

    public IReadOnlyDictionary<string, string?> Variables { get; }

    public IReadOnlyList<string> Sections { get; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);

    /// <summary>The configuration path of an environment variable, or null when it belongs to no known section.</summary>
    public static string? ToConfigurationPath(string variable, IEnumerable<string> sections)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(sections);
        var section = sections
            .Where(candidate => variable.Length > candidate.Length + 1
                && variable.StartsWith(candidate + "_", StringComparison.OrdinalIgnoreCase))
            .MaxBy(candidate => candidate.Length);
        return section is null
            ? null
            : $"{section}:{variable[(section.Length + 1)..].ToLowerInvariant()}";
    }

    /// <summary>The variable as the user typed it that set <paramref name="path"/> (<c>taxii2:discovery_ulr</c> → <c>TAXII2_DISCOVERY_ULR</c>).</summary>
    public string? VariableFor(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Variables
            .Where(variable => variable.Value is not null)
            .Select(variable => variable.Key)
            .FirstOrDefault(name => string.Equals(ToConfigurationPath(name, Sections), path, StringComparison.OrdinalIgnoreCase));
    }

    internal sealed class Provider : ConfigurationProvider
    {
        private readonly SectionEnvironmentVariablesSource _source;

        public Provider(SectionEnvironmentVariablesSource source) => _source = source;

        public SectionEnvironmentVariablesSource Source => _source;

        public override void Load()
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in _source.Variables)
            {
                var path = ToConfigurationPath(name, _source.Sections);
                if (path is not null && value is not null)
                {
                    data[path] = value;
                }
            }

            Data = data;
        }
    }
}
