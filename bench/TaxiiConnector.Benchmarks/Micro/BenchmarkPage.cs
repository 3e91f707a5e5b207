using System.Text.Json;
using TaxiiConnector.Benchmarks.Workload;

namespace TaxiiConnector.Benchmarks.Micro;

/// <summary>One page of the generated collection (the e2e's P = 1000), as envelope bytes and as parsed objects.</summary>
internal sealed class BenchmarkPage : IDisposable
{
    public const int ObjectsPerPage = 1000;

    private BenchmarkPage(byte[] envelope, JsonDocument document, IReadOnlyList<JsonElement> objects)
    {
        Envelope = envelope;
        Document = document;
        Objects = objects;
    }

    public byte[] Envelope { get; }

    public JsonDocument Document { get; }

    public IReadOnlyList<JsonElement> Objects { get; }

    /// <summary>The collection's second page: past the all-indicator warm-up at the start, so the mix is the steady one.</summary>
    public static BenchmarkPage Create()
    {
        var store = GeneratedPages.CreateStore(10 * ObjectsPerPage);
        var envelope = GeneratedPages.Envelope(store, ObjectsPerPage, ObjectsPerPage);
        var document = JsonDocument.Parse(envelope);
        var objects = new List<JsonElement>(ObjectsPerPage);
        foreach (var item in document.RootElement.GetProperty("objects").EnumerateArray())
        {
            objects.Add(item);
        }

        return new BenchmarkPage(envelope, document, objects);
    }

    public void Dispose() => Document.Dispose();
}
