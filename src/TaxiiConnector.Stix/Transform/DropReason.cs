namespace TaxiiConnector.Stix.Transform;

/// <summary>Why an entry of a page did not reach a bundle.</summary>
public enum DropReason
{
    /// <summary>The entry is not a JSON object.</summary>
    NotAnObject,

    /// <summary>No <c>type</c> string.</summary>
    MissingType,

    /// <summary>No <c>id</c> string.</summary>
    MissingId,

    /// <summary>The <c>id</c> is not <c>{type}--{uuid}</c>.</summary>
    MalformedId,

    /// <summary>An indicator whose <c>pattern_type</c> is in the ignore list.</summary>
    IgnoredPatternType,

    /// <summary>An object whose <c>type</c> is in the ignore list.</summary>
    IgnoredObjectType,

    /// <summary>An indicator whose pattern contains an ignored text.</summary>
    IgnoredPattern,

    /// <summary>A note whose content contains an ignored text.</summary>
    IgnoredNote,

    /// <summary>The object alone is larger than the bundle byte cap.</summary>
    TooLarge,

    /// <summary>A type the OpenCTI platform does not import (pycti's splitter drops it before sending).</summary>
    UnsupportedType,

    /// <summary>
    /// A relationship without a usable <c>source_ref</c>/<c>target_ref</c>, or a sighting without <c>sighting_of_ref</c> or
    /// <c>where_sighted_refs</c>, once references to unsupported types (and cycles) were removed, as pycti's splitter does.
    /// </summary>
    IncompatibleRelationship,
}

/// <summary>Stable, metric-friendly names for <see cref="DropReason"/>.</summary>
public static class DropReasonNames
{
    public static string ToLabel(this DropReason reason) => reason switch
    {
        DropReason.NotAnObject => "not_an_object",
        DropReason.MissingType => "missing_type",
        DropReason.MissingId => "missing_id",
        DropReason.MalformedId => "malformed_id",
        DropReason.IgnoredPatternType => "ignored_pattern_type",
        DropReason.IgnoredObjectType => "ignored_object_type",
        DropReason.IgnoredPattern => "ignored_pattern",
        DropReason.IgnoredNote => "ignored_note",
        DropReason.TooLarge => "too_large",
        DropReason.UnsupportedType => "unsupported_type",
        DropReason.IncompatibleRelationship => "incompatible_relationship",
        _ => "unknown",
    };

    /// <summary>True for reasons that mean bad input (as opposed to a configured filter).</summary>
    public static bool IsInvalidInput(this DropReason reason) =>
        reason is DropReason.NotAnObject or DropReason.MissingType or DropReason.MissingId or DropReason.MalformedId or DropReason.TooLarge;
}

/// <summary>One dropped entry.</summary>
/// <param name="SourceIndex">Position of the entry in the source page (a part of a page transformed alone gives its first position).</param>
/// <param name="Id">Its <c>id</c> when it had one.</param>
/// <param name="Reason">Why it was dropped.</param>
/// <param name="Detail">A short human explanation (no secrets: only STIX content).</param>
public readonly record struct DroppedObject(int SourceIndex, string? Id, DropReason Reason, string Detail);
