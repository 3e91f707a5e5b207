using System.Text.Json;
using System.Xml.Linq;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Architecture;

/// <summary>
/// The host ships with runtime settings chosen by measurement (BENCHMARKS.md), and the benchmark, which runs the
/// connector in its own process, must run with the same ones or it measures something that does not ship.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void HostRuntimeConfig_ThreadPoolDoesNotSpinAndDynamicPgoIsOff()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TaxiiConnector.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32().Should().Be(0,
            "idle workers spinning took CPU the other pipeline stages needed on 2 cores");
        properties.GetProperty("System.Runtime.TieredPGO").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void Benchmark_DeclaresTheHostsRuntimeSettings()
    {
        var host = RuntimeSettings(RepositoryRoot.File("src/TaxiiConnector/TaxiiConnector.csproj"));
        var benchmark = RuntimeSettings(RepositoryRoot.File("bench/TaxiiConnector.Benchmarks/TaxiiConnector.Benchmarks.csproj"));

        host.Should().NotBeEmpty();
        benchmark.Should().BeEquivalentTo(host);
    }

    private static List<string> RuntimeSettings(string project)
    {
        var document = XDocument.Load(project);
        return
        [
            .. document.Descendants("RuntimeHostConfigurationOption").Select(option => option.Attribute("Include")!.Value + "=" + option.Attribute("Value")!.Value),
            .. document.Descendants("TieredPGO").Select(element => "TieredPGO=" + element.Value),
        ];
    }
}
