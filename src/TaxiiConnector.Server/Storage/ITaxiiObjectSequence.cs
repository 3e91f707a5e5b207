using System.Text.Json;

namespace TaxiiConnector.Server.Storage;

/// <summary>
/// The objects of one collection, ordered ascending by <c>date_added</c> and addressed by a stable index: an object keeps its
/// index for the life of the sequence (objects are only ever appended), which is what makes <c>next</c> cursors stateless.
/// Implementations answer per index, so a sequence never has to hold its objects in memory.
/// </summary>
public interface ITaxiiObjectSequence
{
    /// <summary>How many objects the sequence holds now; a reader takes it once per request as its snapshot.</summary>
    long Count { get; }

    /// <summary>The index of the first object whose <c>date_added</c> is strictly after <paramref name="addedAfter"/>, or <see cref="Count"/>.</summary>
    long FirstIndexAddedAfter(DateTimeOffset addedAfter);

    DateTimeOffset GetDateAdded(long index);

    string GetObjectType(long index);

    string GetObjectId(long index);

    /// <summary>The object's version: its <c>modified</c>, else its <c>created</c>, else null.</summary>
    string? GetObjectVersion(long index);

    /// <summary>Writes the object as one JSON value.</summary>
    void WriteObject(long index, Utf8JsonWriter writer);
}
