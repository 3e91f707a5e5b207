using System.Runtime.CompilerServices;
using TaxiiConnector.Sources;
using TaxiiConnector.Stix.Transform;
using TaxiiConnector.Tests.Support;

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

    public StixTransformerOptions TransformOptions { get; } = TransformerDefaults.Create();

    public bool FailListing { get; init; }

    public SourceWorkScope WorkScope { get; init; } = SourceWorkScope.PerRun;

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
