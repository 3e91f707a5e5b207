using Microsoft.Extensions.Configuration;

namespace TaxiiConnector.Configuration.Yaml;

/// <summary>A <c>config.yml</c> in the Python connector's layout (<c>section: { key: value }</c>).</summary>
public sealed class YamlConfigFileSource : IConfigurationSource
{
    public YamlConfigFileSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    public string Path { get; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new YamlConfigFileProvider(Path);
}
