using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Benchmarks.Workload;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Benchmarks.Micro;

/// <summary>A transformed page (all options on) → serialised bundles (pooled buffers, returned on dispose), per source object.</summary>
[MemoryDiagnoser]
public class BundleSerialisationBenchmarks
{
    private BenchmarkPage _page = null!;
    private TransformedPage _transformed = null!;
    private StixBundleWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _page = BenchmarkPage.Create();
        var transformer = new StixTransformer(AllOptionsProfile.Create(), NullLogger<StixTransformer>.Instance, TimeProvider.System);
        _transformed = transformer.Transform(_page.Objects);
        _writer = new StixBundleWriter(new StixBundleWriterOptions { MaxBundleBytes = (int)new TaxiiConnector.Configuration.Sections.ConnectorOptions().MaxBundleBytes }, NullLogger<StixBundleWriter>.Instance);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _transformed.Dispose();
        _page.Dispose();
    }

    [Benchmark(OperationsPerInvoke = BenchmarkPage.ObjectsPerPage)]
    public long CreateBundles()
    {
        long bytes = 0;
        foreach (var bundle in _writer.CreateBundles(_transformed))
        {
            bytes += bundle.Json.Length;
            bundle.Dispose();
        }

        return bytes;
    }
}
