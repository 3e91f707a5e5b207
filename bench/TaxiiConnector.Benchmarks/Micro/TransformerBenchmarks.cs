using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Benchmarks.Workload;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Benchmarks.Micro;

/// <summary>The transformer per object, on an already parsed page: every option on, and the defaults for comparison.</summary>
[MemoryDiagnoser]
public class TransformerBenchmarks
{
    private BenchmarkPage _page = null!;
    private StixTransformer _transformer = null!;

    [Params("all", "plain")]
    public string Options { get; set; } = "all";

    [GlobalSetup]
    public void Setup()
    {
        _page = BenchmarkPage.Create();
        var options = Options == "all" ? AllOptionsProfile.Create() : AllOptionsProfile.Plain();
        _transformer = new StixTransformer(options, NullLogger<StixTransformer>.Instance, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup() => _page.Dispose();

    [Benchmark(OperationsPerInvoke = BenchmarkPage.ObjectsPerPage)]
    public int Transform()
    {
        using var transformed = _transformer.Transform(_page.Objects);
        return transformed.ObjectsOut;
    }
}
