using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Benchmarks.Workload;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Benchmarks.Micro;

/// <summary>
/// The connector's per-page CPU work, stage by stage, against the raw parse as baseline: the "Ratio" column is the
/// cost of each cumulative chain in raw parses, which bounds the e2e/raw ratio on one core.
/// </summary>
[MemoryDiagnoser]
public class PageStagesBenchmarks
{
    private BenchmarkPage _page = null!;
    private StixTransformer _transformer = null!;
    private StixBundleWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _page = BenchmarkPage.Create();
        _transformer = new StixTransformer(AllOptionsProfile.Create(), NullLogger<StixTransformer>.Instance, TimeProvider.System);
        _writer = new StixBundleWriter(new StixBundleWriterOptions { MaxBundleBytes = (int)new TaxiiConnector.Configuration.Sections.ConnectorOptions().MaxBundleBytes }, NullLogger<StixBundleWriter>.Instance);
    }

    [GlobalCleanup]
    public void Cleanup() => _page.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchmarkPage.ObjectsPerPage)]
    public int Parse()
    {
        using var document = JsonDocument.Parse(_page.Envelope);
        return Objects(document).Count;
    }

    [Benchmark(OperationsPerInvoke = BenchmarkPage.ObjectsPerPage)]
    public int ParseTransform()
    {
        using var document = JsonDocument.Parse(_page.Envelope);
        using var transformed = _transformer.Transform(Objects(document));
        return transformed.ObjectsOut;
    }

    [Benchmark(OperationsPerInvoke = BenchmarkPage.ObjectsPerPage)]
    public long ParseTransformBundle()
    {
        using var document = JsonDocument.Parse(_page.Envelope);
        using var transformed = _transformer.Transform(Objects(document));
        long bytes = 0;
        foreach (var bundle in _writer.CreateBundles(transformed))
        {
            bytes += bundle.Json.Length;
            bundle.Dispose();
        }

        return bytes;
    }

    private static List<JsonElement> Objects(JsonDocument document)
    {
        var objects = new List<JsonElement>(BenchmarkPage.ObjectsPerPage);
        foreach (var item in document.RootElement.GetProperty("objects").EnumerateArray())
        {
            objects.Add(item);
        }

        return objects;
    }
}
