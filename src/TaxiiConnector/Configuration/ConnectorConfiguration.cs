using Microsoft.Extensions.Configuration;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.Environment;
using TaxiiConnector.Configuration.Yaml;

namespace TaxiiConnector.Configuration;

/// <summary>Builds the connector's configuration: config.yml, then environment variables, then overrides (last wins).</summary>
public static class ConnectorConfiguration
{
    public const string DefaultFileName = "config.yml";

    /// <summary>Adds the connector's sources to <paramref name="builder"/>; throws <see cref="ConfigFileException"/>.</summary>
    public static IConfigurationBuilder AddConnectorSources(this IConfigurationBuilder builder, ConnectorInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(invocation);
        var file = ResolveFile(invocation);
        if (file is not null)
        {
            builder.Add(new YamlConfigFileSource(file));
        }

        builder.Add(new SectionEnvironmentVariablesSource(invocation.Environment, ConfigSections.EnvironmentPrefixes));
        if (invocation.Overrides.Count > 0)
        {
            builder.AddInMemoryCollection(invocation.Overrides);
        }

        return builder;
    }

    public static IConfigurationRoot Build(ConnectorInvocation invocation) =>
        new ConfigurationBuilder().AddConnectorSources(invocation).Build();

    /// <summary>
    /// The file to read: <c>--config PATH</c> (which must exist), else <c>./config.yml</c> when present, else none
    /// (environment only, as in a container).
    /// </summary>
    public static string? ResolveFile(ConnectorInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.ConfigPath is not null)
        {
            var explicitPath = Path.GetFullPath(invocation.ConfigPath);
            if (Directory.Exists(explicitPath))
            {
                throw new ConfigFileException($"The configuration file '{explicitPath}' (--config) is a directory: pass the file itself, e.g. --config {Path.Combine(explicitPath, DefaultFileName)}.");
            }

            return File.Exists(explicitPath)
                ? explicitPath
                : throw new ConfigFileException($"The configuration file '{explicitPath}' (--config) does not exist.");
        }

        var defaultPath = Path.GetFullPath(DefaultFileName);
        return File.Exists(defaultPath) ? defaultPath : null;
    }
}
