using System.Runtime.CompilerServices;
using TaxiiConnector.Sources;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Tests.Pipeline.Fakes;

internal sealed class FakeSource : IConnectorSource
{
    private readonly IReadOnlyList<ISourceCollection> _collections;

    public FakeSource(string name, params ISourceCollection[] collections)
    {
        Name = name;
        _collections = collections;
    }

    public string Name { get; }

    public StixTransformerOptions TransformOptions { get; } = new();

    public bool FailListing { get; init; }

    public async IAsyncEnumerable<ISourceCollection> GetCollectionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (FailListing)
        {
            throw new HttpRequestException("discovery refused");
        }

        foreach (var collection in _collections)
        {
            yield return collection;
        }
    }
}
