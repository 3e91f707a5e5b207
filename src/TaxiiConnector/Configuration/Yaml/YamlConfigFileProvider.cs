using System.Globalization;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TaxiiConnector.Configuration.Yaml;

/// <summary>
/// Flattens a YAML document into configuration paths: <c>taxii2: { discovery_url: x }</c> becomes
/// <c>taxii2:discovery_url = x</c>; sequences become <c>key:0</c>, <c>key:1</c>. Scalars stay text (<c>true</c>, <c>24</c>)
/// and are typed later by <see cref="ConfigSectionReader"/>, so YAML and environment values follow the same rules.
/// Keys are case-insensitive, as environment names are.
/// </summary>
internal sealed class YamlConfigFileProvider : ConfigurationProvider
{
    private readonly string _path;

    public YamlConfigFileProvider(string path) => _path = path;

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string text;
        try
        {
            text = File.ReadAllText(_path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ConfigFileException($"Cannot read the configuration file '{_path}': {exception.Message}", exception);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw new ConfigFileException(
                $"The configuration file '{_path}' is not valid YAML (line {exception.Start.Line}, column {exception.Start.Column}): {exception.Message}",
                exception);
        }
        catch (ArgumentException exception)
        {
            // YamlDotNet reports a key written twice in one mapping this way.
            throw new ConfigFileException($"The configuration file '{_path}' has a key written twice: {exception.Message}", exception);
        }

        if (stream.Documents.Count > 0)
        {
            switch (stream.Documents[0].RootNode)
            {
                case YamlMappingNode root:
                    Flatten(root, prefix: null, data);
                    break;
                case YamlScalarNode { Value: null or "" or "~" or "null" }:
                    break;
                default:
                    throw new ConfigFileException($"The configuration file '{_path}' must be a mapping of sections (opencti:, connector:, taxii2:, ...).");
            }
        }

        Data = data;
    }

    private static void Flatten(YamlNode node, string? prefix, Dictionary<string, string?> data)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var key = ((keyNode as YamlScalarNode)?.Value ?? string.Empty).Trim();
                    if (key.Length > 0)
                    {
                        Flatten(valueNode, prefix is null ? key : ConfigurationPath.Combine(prefix, key), data);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                for (var index = 0; index < sequence.Children.Count; index++)
                {
                    Flatten(sequence.Children[index], ConfigurationPath.Combine(prefix!, index.ToString(CultureInfo.InvariantCulture)), data);
                }

                break;
            case YamlScalarNode scalar when prefix is not null:
                data[prefix] = IsNull(scalar) ? null : scalar.Value;
                break;
        }
    }

    // An unquoted ~, null or empty value is YAML's null: the key counts as unset, as in the Python connector.
    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
