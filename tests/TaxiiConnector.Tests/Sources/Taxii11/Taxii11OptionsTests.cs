using Microsoft.Extensions.Configuration;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Sources.Taxii11;
using TaxiiConnector.Stix.Stix1;
using TaxiiConnector.Configuration.Transform;

namespace TaxiiConnector.Tests.Sources.Taxii11;

public sealed class Taxii11OptionsTests
{
    [Fact]
    public void Read_DiscoveryUrlOnly_EnabledWithDocumentedDefaults()
    {
        var (options, problems) = Read(("discovery_url", "https://tc.example/api/taxii/discovery/"));

        problems.Should().BeEmpty();
        options.IsEnabled.Should().BeTrue();
        options.DiscoveryUrl.Should().Be(new Uri("https://tc.example/api/taxii/discovery/"));
        options.Collections.Should().Equal("*");
        options.AllCollections.Should().BeTrue();
        options.InitialHistory.Should().Be(TimeSpan.FromHours(24));
        options.MaxWindow.Should().Be(TimeSpan.FromHours(24));
        options.SafetyLag.Should().Be(TimeSpan.FromMinutes(5));
        options.TcV2Descriptions.Should().BeTrue();
        options.CreateReport.Should().BeTrue();
        options.VerifySsl.Should().BeTrue();
        options.IndicatorIds.Should().Be(Stix1IndicatorIdSource.Stix1Id);
        options.Transform.CreateObservables.Should().BeTrue();
    }

    [Fact]
    public void Read_NothingSet_Disabled()
    {
        var (options, problems) = Read();

        options.IsEnabled.Should().BeFalse();
        problems.Should().BeEmpty();
    }

    [Fact]
    public void Read_EveryKey_ParsedIntoOptions()
    {
        var (options, problems) = Read(
            ("poll_url", "https://isac.example/taxii/poll/"),
            ("collection_management_url", "https://isac.example/taxii/collections/"),
            ("username", "feed"),
            ("password", "pw"),
            ("verify_ssl", "no"),
            ("collections", " Org A , Source B ,"),
            ("initial_history", "72"),
            ("max_window_hours", "6"),
            ("safety_lag_minutes", "0"),
            ("tc_v2_descriptions", "false"),
            ("create_observables", "false"),
            ("indicator_ids", "pattern"),
            ("create_report", "false"),
            ("author_name", "ISAC"),
            ("default_marking", "TLP:AMBER"));

        problems.Should().BeEmpty();
        options.IsEnabled.Should().BeTrue();
        options.Username.Should().Be("feed");
        options.VerifySsl.Should().BeFalse();
        options.Collections.Should().Equal("Org A", "Source B");
        options.InitialHistory.Should().Be(TimeSpan.FromHours(72));
        options.MaxWindow.Should().Be(TimeSpan.FromHours(6));
        options.SafetyLag.Should().Be(TimeSpan.Zero);
        options.TcV2Descriptions.Should().BeFalse();
        options.Transform.CreateObservables.Should().BeFalse();
        options.IndicatorIds.Should().Be(Stix1IndicatorIdSource.Pattern);
        options.CreateReport.Should().BeFalse();
        StixTransformerOptionsSetup.Create(Taxii11Options.SectionName, options.Transform).DefaultMarking.Should().Be("TLP:AMBER");
    }

    [Fact]
    public void Validate_AllCollectionsWithoutAnyListingService_NamesTheKeys()
    {
        var (_, problems) = Read(("poll_url", "https://isac.example/taxii/poll/"));

        problems.Should().ContainSingle().Which.Should().Contain("TAXII11_COLLECTIONS").And.Contain("taxii11.discovery_url");
    }

    [Theory]
    [InlineData("max_window_hours", "0", "TAXII11_MAX_WINDOW_HOURS")]
    [InlineData("safety_lag_minutes", "-1", "TAXII11_SAFETY_LAG_MINUTES")]
    [InlineData("verify_ssl", "maybe", "TAXII11_VERIFY_SSL")]
    [InlineData("indicator_ids", "random", "TAXII11_INDICATOR_IDS")]
    [InlineData("username", "user-without-password", "TAXII11_PASSWORD")]
    [InlineData("cert_password", "secret-value", "TAXII11_CERT_PASSWORD")]
    public void Validate_BadValue_OneProblemNamingTheVariable(string key, string value, string variable)
    {
        var (_, problems) = Read(("discovery_url", "https://tc.example/api/taxii/discovery/"), (key, value));

        problems.Should().ContainSingle().Which.Should().Contain(variable);
        problems.Single().Should().NotContain("secret-value");
    }

    [Fact]
    public void Section_IsRegisteredAsSource()
    {
        ConfigSections.All.Should().Contain(section => section.Name == "taxii11" && section.IsSource);
        ConfigSections.FindByEnvironmentVariable("TAXII11_MAX_WINDOW_HOURS").Should().NotBeNull();
        ConfigSections.FindByEnvironmentVariable("TAXII11_PASSWORD")!.IsSecret.Should().BeTrue();
    }

    private static (Taxii11Options Options, IReadOnlyList<string> Problems) Read(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"taxii11:{s.Key}", s.Value)))
            .Build();
        var reader = new ConfigSectionReader(configuration);
        var options = new Taxii11Options();
        options.Read(reader);
        options.Validate(new ConfigValidationContext(reader, new ConnectorInvocation()));
        return (options, reader.Problems.Select(p => p.ToString()).ToList());
    }
}
