using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.Cli;
using TaxiiConnector.Hosting;
using TaxiiConnector.Sources;
using TaxiiConnector.Configuration;
using TaxiiConnector.Sources.Taxii11;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Sources.Taxii11;

public sealed class Taxii11RegistrationTests
{
    [Fact]
    public void AddTaxii11Source_DiscoveryUrlSet_RegistersTheSourceWithItsOptions()
    {
        using var provider = Build(("taxii11:discovery_url", "https://tc.example/api/taxii/discovery/"), ("taxii11:author_name", "TC"));

        var source = provider.GetServices<IConnectorSource>().OfType<Taxii11Source>().Should().ContainSingle().Subject;
        source.Name.Should().Be("taxii11");
        source.TransformOptions.AuthorName.Should().Be("TC");
    }

    [Fact]
    public void AddTaxii11Source_NotConfigured_RegistersNothing()
    {
        using var provider = Build(("taxii2:discovery_url", "https://taxii2.example/taxii2/"));

        provider.GetServices<IConnectorSource>().OfType<Taxii11Source>().Should().BeEmpty();
    }

    [Fact]
    public void StartupValidation_InvalidTaxii11Section_EachProblemReportedOnce()
    {
        using var test = new TestConfiguration();
        var invocation = test.Invocation(TestConfiguration.With(
            ("TAXII11_POLL_URL", "https://isac.example/taxii/poll/"),
            ("TAXII11_MAX_WINDOW_HOURS", "0")));
        var configuration = ConnectorConfiguration.Build(invocation);
        var services = new ServiceCollection().AddLogging().AddConnectorCore(configuration, invocation);
        services.AddTaxii11Source(configuration);
        using var provider = services.BuildServiceProvider();

        var problems = StartupValidation.Collect(provider);

        problems.Should().OnlyHaveUniqueItems();
        problems.Should().ContainSingle(p => p.Contains("TAXII11_MAX_WINDOW_HOURS", StringComparison.Ordinal));
        problems.Should().ContainSingle(p => p.Contains("TAXII11_COLLECTIONS", StringComparison.Ordinal));
    }

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConnectorCore(configuration, new ConnectorInvocation());
        services.AddTaxii11Source(configuration);
        return services.BuildServiceProvider();
    }
}
