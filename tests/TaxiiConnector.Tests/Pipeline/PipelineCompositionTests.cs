using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.Registry;
using TaxiiConnector.Cli;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.OpenCti.Works;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Scheduling;
using TaxiiConnector.Sources;
using TaxiiConnector.Sources.Taxii2;

namespace TaxiiConnector.Tests.Pipeline;

public sealed class PipelineCompositionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("taxii-connector-composition-").FullName;

    [Fact]
    public void AddConnectorPipeline_DryRun_WritesToTheOutputDirectoryWithAStateFileThereAndNoPlatform()
    {
        var output = Path.Combine(_directory, "out");
        using var provider = Build(Settings(), new ConnectorInvocation { Command = "run", DryRun = true, OutputDirectory = output });

        provider.GetRequiredService<IBundleSink>().Should().BeOfType<DirectorySink>().Which.Directory.Should().Be(Path.GetFullPath(output));
        provider.GetRequiredService<IStateStore>().Should().BeOfType<FileStateStore>().Which.FilePath.Should().Be(Path.GetFullPath(Path.Combine(output, "state.json")));
        provider.GetRequiredService<IWorkTracker>().Should().BeOfType<NullWorkTracker>();
        provider.GetRequiredService<IConnectorJob>().Should().BeOfType<ConnectorRunner>();
    }

    [Fact]
    public void AddConnectorPipeline_BundlePushRetries_RegisteredAsANamedPipelineForPollyTelemetry()
    {
        using var provider = Build(Settings(), new ConnectorInvocation { Command = "run", DryRun = true, OutputDirectory = Path.Combine(_directory, "out") });

        provider.GetRequiredService<ResiliencePipelineProvider<string>>().TryGetPipeline(BundlePusher.PipelineName, out _)
            .Should().BeTrue("a pipeline registered through the resilience extensions reports its retries to Polly's meter and log");
    }

    [Fact]
    public void AddConnectorPipeline_DryRunWithStatePath_KeepsTheStateThere()
    {
        var statePath = Path.Combine(_directory, "cursors.json");
        var settings = Settings();
        settings["state:path"] = statePath;
        using var provider = Build(settings, new ConnectorInvocation { Command = "run", DryRun = true, OutputDirectory = Path.Combine(_directory, "out") });

        provider.GetRequiredService<IStateStore>().Should().BeOfType<FileStateStore>().Which.FilePath.Should().Be(Path.GetFullPath(statePath));
    }

    [Fact]
    public void AddConnectorPipeline_DryRunWithoutOutput_WritesUnderTheDataDirectory()
    {
        var settings = Settings();
        settings["connector:data_dir"] = Path.Combine(_directory, "data");
        using var provider = Build(settings, new ConnectorInvocation { Command = "run", DryRun = true });

        provider.GetRequiredService<IBundleSink>().Should().BeOfType<DirectorySink>().Which.Directory.Should().Be(Path.Combine(_directory, "data", "output"));
        provider.GetRequiredService<IStateStore>().Should().BeOfType<FileStateStore>().Which.FilePath.Should().Be(Path.Combine(_directory, "data", "output", "state.json"));
    }

    [Fact]
    public void AddConnectorPipeline_Demo_DefaultsToTheDemoOutputDirectory()
    {
        using var provider = Build(Settings(), new ConnectorInvocation { Command = "demo" });

        provider.GetRequiredService<IBundleSink>().Should().BeOfType<DirectorySink>().Which.Directory.Should().Be(Path.GetFullPath("./demo-output"));
    }

    [Theory]
    [InlineData("amqp", typeof(OpenCtiAmqpSink))]
    [InlineData("api", typeof(OpenCtiApiSink))]
    public void AddConnectorPipeline_PlatformConfigured_ChoosesTheOpenCtiSinkStateAndWorks(string protocol, Type sinkType)
    {
        var settings = Settings();
        settings["opencti:url"] = "http://opencti.invalid:8080";
        settings["opencti:token"] = "0b23f787-d013-41a8-8078-97bee84cc99d";
        settings["connector:id"] = "4f1d2a8e-3c5b-4e6f-9a7b-8c9d0e1f2a3b";
        settings["connector:queue_protocol"] = protocol;
        var services = Compose(settings, new ConnectorInvocation { Command = "run" });

        Implementation<IBundleSink>(services).Should().Be(sinkType);
        Implementation<IStateStore>(services).Should().Be<OpenCtiStateStore>();
        Implementation<IWorkTracker>(services).Should().Be<OpenCtiWorkTracker>();
    }

    [Fact]
    public void AddConnectorPipeline_DiscoveryUrlSet_RegistersTheTaxii2SourceWithItsSettings()
    {
        var settings = Settings();
        settings["taxii2:collections"] = "api1.Indicators, api2.*";
        settings["taxii2:initial_history"] = "72";
        using var provider = Build(settings, new ConnectorInvocation { Command = "run", DryRun = true, OutputDirectory = Path.Combine(_directory, "out") });

        provider.GetServices<IConnectorSource>().Should().ContainSingle().Which.Should().BeOfType<Taxii2Source>().Which.Name.Should().Be("taxii2");
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Taxii2SourceOptions>>().Value;
        options.Collections.Should().Equal("api1.Indicators", "api2.*");
        options.InitialHistory.Should().Be(TimeSpan.FromHours(72));
    }

    [Fact]
    public void AddConnectorPipeline_NoDiscoveryUrl_RegistersNoTaxii2Source()
    {
        using var provider = Build(new Dictionary<string, string?>(), new ConnectorInvocation { Command = "run", DryRun = true, OutputDirectory = Path.Combine(_directory, "out") });

        provider.GetServices<IConnectorSource>().Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Dictionary<string, string?> Settings() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["taxii2:discovery_url"] = "http://127.0.0.1:1/taxii2/",
    };

    private static ServiceCollection Compose(Dictionary<string, string?> settings, ConnectorInvocation invocation)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders());
        services.AddConnectorPipeline(configuration, invocation);
        return services;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, ConnectorInvocation invocation) =>
        Compose(settings, invocation).BuildServiceProvider();

    private static Type? Implementation<T>(ServiceCollection services) =>
        services.Last(descriptor => descriptor.ServiceType == typeof(T)).ImplementationType;
}
