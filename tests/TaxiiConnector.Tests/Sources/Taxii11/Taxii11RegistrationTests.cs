using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.Cli;
using TaxiiConnector.Hosting;
using TaxiiConnector.Sources;
using TaxiiConnector.Sources.Taxii11;

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
