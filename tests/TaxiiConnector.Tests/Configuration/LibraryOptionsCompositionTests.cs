using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration;
using TaxiiConnector.Hosting;
using TaxiiConnector.OpenCti;
using TaxiiConnector.Sources;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Configuration;

/// <summary>
/// The library options as the composed host resolves them: each configured by the host's setup from its sections, with
/// the values the libraries had as their own defaults before the sections became the one place that holds them.
/// </summary>
public sealed class LibraryOptionsCompositionTests : IDisposable
{
    private readonly TestConfiguration _configuration = new();

    [Fact]
    public void Sources_EachProcessesObjectsWithItsOwnSectionsSettings()
    {
        using var provider = Build(TestConfiguration.With(
            ("TAXII2_DEFAULT_MARKING", "TLP:GREEN"),
            ("TAXII11_POLL_URL", "http://127.0.0.1:1/poll/"),
            ("TAXII11_COLLECTIONS", "feed"),
            ("TAXII11_DEFAULT_MARKING", "TLP:RED"),
            ("TAXII11_FORCE_MULTIPLE_PATTERN_NAME", "Combined"),
            ("CYBERTHREATEXCHANGE_API_KEY", "ctx-key"),
            ("CYBERTHREATEXCHANGE_FEED_IDS", "feed-1"),
            ("CYBERTHREATEXCHANGE_DEFAULT_MARKING", "TLP:AMBER")));

        var transform = provider.GetServices<IConnectorSource>().ToDictionary(source => source.Name, source => source.TransformOptions);

        transform.Keys.Should().BeEquivalentTo("taxii2", "taxii11", "cyberthreatexchange");
        transform["taxii2"].DefaultMarking.Should().Be("TLP:GREEN");
        transform["taxii11"].DefaultMarking.Should().Be("TLP:RED");
        transform["cyberthreatexchange"].DefaultMarking.Should().Be("TLP:AMBER");
        transform["taxii11"].ForceMultiplePatternName.Should().Be("Combined");
        transform["taxii2"].ForceMultiplePatternName.Should().Be("Multiple Indicators");
        transform["cyberthreatexchange"].ForceMultiplePatternName.Should().Be("Multiple Indicators");
        transform.Values.Should().AllSatisfy(options =>
        {
            options.CreateIndicators.Should().BeTrue();
            options.CreateObservables.Should().BeTrue();
            options.DefaultScore.Should().Be(50);
            options.HighScoreLabels.Should().Equal("high");
            options.HighScore.Should().Be(80);
            options.MediumScoreLabels.Should().Equal("medium");
            options.MediumScore.Should().Be(60);
            options.LowScoreLabels.Should().Equal("low");
            options.LowScore.Should().Be(40);
            options.AuthorReliability.Should().Be("A - Completely reliable");
            options.OriginalIndicatorIdNoteAbstract.Should().Be("Original indicator id");
            options.AddMissingPatternType.Should().BeTrue();
        });
    }

    [Fact]
    public void Taxii1Client_UnsetSection_GetsTheDeclaredDefaults()
    {
        using var provider = Build(TestConfiguration.With(("TAXII11_POLL_URL", "http://127.0.0.1:1/poll/"), ("TAXII11_COLLECTIONS", "feed")));

        var options = provider.GetRequiredService<IOptions<Taxii1ClientOptions>>().Value;

        options.Tls.VerifySsl.Should().BeTrue();
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(120));
        options.MaxPollParts.Should().Be(1000);
    }

    [Fact]
    public void OpenCtiClient_UnsetSections_GetsTheDeclaredDefaults()
    {
        using var provider = Build(TestConfiguration.ValidEnvironment, dryRun: false);

        var options = provider.GetRequiredService<IOptions<OpenCtiClientOptions>>().Value;

        options.SslVerify.Should().BeTrue();
        options.ConnectorType.Should().Be("EXTERNAL_IMPORT");
        options.ConnectorName.Should().Be("TAXII2");
        options.QueueThresholdMb.Should().Be(500);
        options.QueueProtocol.Should().Be(QueueProtocol.Amqp);
        options.PingInterval.Should().Be(TimeSpan.FromSeconds(40));
        options.MaxBundleBytes.Should().Be(10 * 1024 * 1024);
        options.AmqpMaxInFlight.Should().Be(512);
        options.AmqpRetryAttempts.Should().Be(20);
        options.AmqpPublishTimeout.Should().Be(TimeSpan.FromMinutes(10));
        options.Mq.SslRejectUnauthorized.Should().BeTrue();
        options.DryRunOutputDirectory.Should().BeNull();
    }

    public void Dispose() => _configuration.Dispose();

    private ServiceProvider Build(IReadOnlyDictionary<string, string?> environment, bool dryRun = true)
    {
        var invocation = _configuration.Invocation(environment, dryRun: dryRun);
        var configuration = ConnectorConfiguration.Build(invocation);
        var services = new ServiceCollection().AddLogging().AddConnectorCore(configuration, invocation);
        ConnectorModules.Add(services, configuration, invocation);
        return services.BuildServiceProvider();
    }
}
