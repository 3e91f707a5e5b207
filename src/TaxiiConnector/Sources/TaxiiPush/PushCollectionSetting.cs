namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// One write-only collection of the push endpoint, as configured (<c>taxii_push.collections</c>): its TAXII resource, and
/// how its objects are attributed when they are pushed on. Null author fields fall back to the section's.
/// </summary>
public sealed record PushCollectionSetting(string Id, string Title)
{
    public string? Description { get; init; }

    public string? AuthorName { get; init; }

    public string? AuthorReliability { get; init; }

    /// <summary>Null: the section's <c>copy_confidence_to_score</c>.</summary>
    public bool? CopyConfidenceToScore { get; init; }
}

/// <summary>
/// Someone allowed to push (<c>taxii_push.users</c>): a name with a password (HTTP Basic) or a bearer token, and the
/// collection ids they may write (<c>*</c> = every collection).
/// </summary>
public sealed record PushUserSetting(string Name, IReadOnlyList<string> Collections)
{
    public string? Password { get; init; }

    public string? BearerToken { get; init; }

    // Records print every property; a user must never print a secret into a log line or an exception.
    public override string ToString() => $"PushUserSetting {{ Name = {Name}, Collections = {string.Join('|', Collections)} }}";
}
