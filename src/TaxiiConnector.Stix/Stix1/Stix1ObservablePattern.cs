namespace TaxiiConnector.Stix.Stix1;

/// <summary>An observable the converter can create alongside the indicator (one per distinct value).</summary>
internal sealed record Stix1Observable(string Type, string? Value, IReadOnlyList<KeyValuePair<string, string>> Hashes, string? FileName)
{
    public string Id => Type == "file" ? Stix1Ids.File(Hashes, FileName) : Stix1Ids.ValueObservable(Type, Value!);
}

/// <summary>The STIX 2.1 pattern of a STIX 1 observable, the observables it matches exactly, and what to call it.</summary>
internal sealed record Stix1ObservablePattern(string Pattern, string MainObservableType, string DisplayValue, IReadOnlyList<Stix1Observable> Observables)
{
    /// <summary>True for observation expressions joined by AND/OR, which need parentheses inside another composition.</summary>
    public bool IsCompound { get; init; }
}
