namespace TaxiiConnector.Pipeline.Cleanup;

/// <summary>Labels of what the platform-compatibility clean-up removed (metric labels and run-summary keys).</summary>
internal static class CleanupReasons
{
    /// <summary>A <c>*_ref</c> nulled or a <c>*_refs</c> entry removed because it names a type the platform does not import.</summary>
    public const string UnsupportedTypeReference = "unsupported_type_reference";

    /// <summary>A reference to the object itself.</summary>
    public const string SelfReference = "self_reference";

    /// <summary>A reference that closes a cycle (a report and a note naming each other): the later one is cut.</summary>
    public const string ReferenceCycle = "reference_cycle";

    /// <summary>The same id twice in one <c>*_refs</c> list.</summary>
    public const string DuplicateReference = "duplicate_reference";

    /// <summary>An external reference equal to an earlier one of the same object (same url, or same source and external id).</summary>
    public const string DuplicateExternalReference = "duplicate_external_reference";

    /// <summary>An external reference with neither a url nor a source name and external id: the platform cannot identify it.</summary>
    public const string ExternalReferenceWithoutKey = "external_reference_without_key";

    /// <summary>A kill chain phase equal to an earlier one of the same object.</summary>
    public const string DuplicateKillChainPhase = "duplicate_kill_chain_phase";
}

/// <summary>Counts by reason label, merged page after page.</summary>
internal sealed class ReasonCounts
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public static ReasonCounts Empty { get; } = new();

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public long Total => _counts.Values.Sum();

    public void Add(string reason, long count = 1)
    {
        if (count > 0)
        {
            _counts[reason] = _counts.GetValueOrDefault(reason) + count;
        }
    }

    public void AddAll(IReadOnlyDictionary<string, long> counts)
    {
        foreach (var (reason, count) in counts)
        {
            Add(reason, count);
        }
    }
}
