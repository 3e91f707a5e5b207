using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace TaxiiConnector.Benchmarks.Micro;

/// <summary>
/// Page bytes → objects, per object. <see cref="ParseDocument"/> is the raw baseline of the e2e command;
/// <see cref="ParseFromStream"/> is what <c>Taxii2Client</c> does with a response body; <see cref="ReadTokens"/> is the
/// floor (a forward-only token scan that builds nothing).
/// </summary>
[MemoryDiagnoser]
public class EnvelopeParsingBenchmarks
{
    private BenchmarkPage _page = null!;

    [GlobalSetup]
    public void Setup() => _page = BenchmarkPage.Create();

    [GlobalCleanup]
    public void Cleanup() => _page.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchmarkPage.ObjectsPerPage)]
    public int ParseDocument()
    {
        using var document = JsonDocument.Parse(_page.Envelope);
        return CountObjects(document);
    }

    [Benchmark(OperationsPerInvoke = BenchmarkPage.ObjectsPerPage)]
    public async Task<int> ParseFromStream()
    {
        using var stream = new MemoryStream(_page.Envelope, writable: false);
        using var document = await JsonDocument.ParseAsync(stream);
        return CountObjects(document);
    }

    [Benchmark(OperationsPerInvoke = BenchmarkPage.ObjectsPerPage)]
    public int ReadTokens()
    {
        var reader = new Utf8JsonReader(_page.Envelope);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    private static int CountObjects(JsonDocument document)
    {
        var count = 0;
        foreach (var item in document.RootElement.GetProperty("objects").EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                count++;
            }
        }

        return count;
    }
}
