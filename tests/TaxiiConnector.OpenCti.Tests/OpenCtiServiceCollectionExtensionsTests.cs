using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TaxiiConnector.OpenCti.Ping;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.OpenCti.Tests.Platform;
using TaxiiConnector.OpenCti.Works;

namespace TaxiiConnector.OpenCti.Tests;

public sealed class OpenCtiServiceCollectionExtensionsTests : IDisposable
{
    private readonly FakeOpenCtiPlatform _platform = new();

    [Fact]
    public void AddOpenCti_Amqp_ChoosesAmqpSinkPlatformStateAndWorks()
    {
        using var services = _platform.BuildServices(o => o.QueueProtocol = QueueProtocol.Amqp);

        services.GetRequiredService<IBundleSink>().Should().BeOfType<OpenCtiAmqpSink>();
        services.GetRequiredService<IStateStore>().Should().BeOfType<OpenCtiStateStore>();
        services.GetRequiredService<IWorkTracker>().Should().BeOfType<OpenCtiWorkTracker>();
        services.GetServices<IHostedService>().Should().ContainSingle().Which.Should().BeSameAs(services.GetRequiredService<ConnectorPinger>());
    }

    [Fact]
    public void AddOpenCti_Api_ChoosesApiSink()
    {
        using var services = _platform.BuildServices(o => o.QueueProtocol = QueueProtocol.Api);

        services.GetRequiredService<IBundleSink>().Should().BeOfType<OpenCtiApiSink>();
    }

    [Fact]
    public void AddOpenCti_DryRun_ChoosesDirectoryFileStateAndNullWorksWithoutPinger()
    {
        using var output = new TempDirectory();
        using var services = _platform.BuildServices(o => o.DryRunOutputDirectory = output.Path);

        services.GetRequiredService<IBundleSink>().Should().BeOfType<DirectorySink>().Which.Directory.Should().Be(output.Path);
        services.GetRequiredService<IStateStore>().Should().BeOfType<FileStateStore>().Which.FilePath.Should().Be(Path.Combine(output.Path, "state.json"));
        services.GetRequiredService<IWorkTracker>().Should().BeSameAs(NullWorkTracker.Instance);
        services.GetServices<IHostedService>().Should().BeEmpty();
    }

    [Fact]
    public void AddOpenCti_InvalidOptions_OneLinePerProblemNamingEnvAndYaml()
    {
        var collection = new ServiceCollection();
        collection.AddOpenCti(o =>
        {
            HostConfigured.Apply(o);
            o.Url = null;
            o.Token = "ChangeMe";
            o.ConnectorId = "not-a-uuid";
            o.ConnectorName = "x";
        });
        using var services = collection.BuildServiceProvider();

        var act = () => services.GetRequiredService<IOptions<OpenCtiClientOptions>>().Value;

        var failures = act.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
        failures.Should().BeEquivalentTo(
            "OPENCTI_URL (opencti.url) must be an absolute http(s) URL.",
            "OPENCTI_TOKEN (opencti.token) must be set to the connector user's API token.",
            "CONNECTOR_ID (connector.id) must be a UUID.",
            "CONNECTOR_NAME (connector.name) must have at least 2 characters.");
    }

    public void Dispose() => _platform.Dispose();
}
