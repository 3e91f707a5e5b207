using System.Diagnostics;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Testing.Prerendered;

/// <summary>
/// A store whose collections are served from <see cref="PrerenderedObjectSequence"/>s: every object rendered once, up front.
/// Opt-in, for a server that must spend as little CPU per request as possible (the benchmark's, which shares the cores
/// with the connector it measures).
/// </summary>
public sealed class PrerenderedTaxiiObjectStore : ITaxiiObjectStore
{
    private readonly ITaxiiObjectStore _source;
    private readonly Dictionary<string, PrerenderedObjectSequence> _rendered;

    private PrerenderedTaxiiObjectStore(ITaxiiObjectStore source, Dictionary<string, PrerenderedObjectSequence> rendered)
    {
        _source = source;
        _rendered = rendered;
    }

    public IReadOnlyList<TaxiiCollectionInfo> Collections => _source.Collections;

    public ITaxiiObjectSequence? FindObjects(string collectionId) =>
        _rendered.TryGetValue(collectionId, out var rendered) ? rendered : _source.FindObjects(collectionId);

    /// <summary>
    /// Renders every collection of <paramref name="source"/> on <paramref name="parallelism"/> threads when the estimated
    /// memory fits <paramref name="memoryBudgetBytes"/>; otherwise keeps <paramref name="source"/> as it is (objects
    /// generated or copied per request) and says so in the outcome.
    /// </summary>
    public static PrerenderOutcome Create(ITaxiiObjectStore source, long memoryBudgetBytes, int parallelism, CancellationToken cancellationToken = default) =>
        Create(source, memoryBudgetBytes, parallelism, PrerenderedObjectSequence.DefaultChunkBytes, cancellationToken);

    public static PrerenderOutcome Create(ITaxiiObjectStore source, long memoryBudgetBytes, int parallelism, int chunkBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(memoryBudgetBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallelism);

        var sequences = new List<(string Id, ITaxiiObjectSequence Objects)>();
        long objects = 0;
        long estimated = 0;
        foreach (var collection in source.Collections)
        {
            if (source.FindObjects(collection.Id) is { } sequence)
            {
                sequences.Add((collection.Id, sequence));
                objects += sequence.Count;
                estimated += PrerenderedObjectSequence.EstimateBytes(sequence, parallelism);
            }
        }

        if (estimated > memoryBudgetBytes || objects > Array.MaxLength)
        {
            return new PrerenderOutcome(source, Prerendered: false, objects, estimated, RenderedBytes: 0, TimeSpan.Zero);
        }

        var started = Stopwatch.GetTimestamp();
        var rendered = new Dictionary<string, PrerenderedObjectSequence>(StringComparer.Ordinal);
        long renderedBytes = 0;
        foreach (var (id, sequence) in sequences)
        {
            var prerendered = PrerenderedObjectSequence.Render(sequence, parallelism, chunkBytes, cancellationToken);
            rendered[id] = prerendered;
            renderedBytes += prerendered.RenderedBytes;
        }

        return new PrerenderOutcome(new PrerenderedTaxiiObjectStore(source, rendered), Prerendered: true, objects, estimated, renderedBytes,
            Stopwatch.GetElapsedTime(started));
    }
}

/// <summary>What <see cref="PrerenderedTaxiiObjectStore.Create"/> did: the store to serve, and whether it is pre-rendered.</summary>
public sealed record PrerenderOutcome(ITaxiiObjectStore Store, bool Prerendered, long Objects, long EstimatedBytes, long RenderedBytes, TimeSpan Elapsed);
