using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Hosting;

namespace TaxiiConnector.Tests.Support;

/// <summary>Builds configuration from an environment dictionary and an optional config.yml text, in a temp directory.</summary>
internal sealed class TestConfiguration : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("taxii-connector-tests-").FullName;

    public static IReadOnlyDictionary<string, string?> ValidEnvironment { get; } = new Dictionary<string, string?>
    {
        ["OPENCTI_URL"] = "http://opencti:8080",
        ["OPENCTI_TOKEN"] = "0b23f787-d013-41a8-8078-97bee84cc99d",
        ["CONNECTOR_ID"] = "5c1b0a4e-6b88-4f0b-9c55-7f0e1d2c3b4a",
        ["TAXII2_DISCOVERY_URL"] = "https://taxii.example.com/taxii2/",
    };

    public string Directory => _directory;

    public string WriteYaml(string yaml, string name = "config.yml")
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public ConnectorInvocation Invocation(IReadOnlyDictionary<string, string?>? environment = null, string? yaml = null, bool dryRun = false) =>
        new()
        {
            Environment = environment ?? new Dictionary<string, string?>(),
            ConfigPath = yaml is null ? null : WriteYaml(yaml),
            DryRun = dryRun,
        };

    public IConfigurationRoot Build(IReadOnlyDictionary<string, string?>? environment = null, string? yaml = null) =>
        ConnectorConfiguration.Build(Invocation(environment, yaml));

    /// <summary>Every start-up validation failure line for this configuration, as <c>run</c> would print them.</summary>
    public IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string?>? environment = null, string? yaml = null, bool dryRun = false)
    {
        var invocation = Invocation(environment, yaml, dryRun);
        var services = new ServiceCollection()
            .AddLogging()
            .AddConnectorCore(ConnectorConfiguration.Build(invocation), invocation);
        using var provider = services.BuildServiceProvider();
        return StartupValidation.Collect(provider);
    }

    public static Dictionary<string, string?> With(params (string Name, string? Value)[] overrides)
    {
        var environment = new Dictionary<string, string?>(ValidEnvironment);
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return environment;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
