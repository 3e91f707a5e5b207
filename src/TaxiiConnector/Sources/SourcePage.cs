using System.Text.Json;

namespace TaxiiConnector.Sources;

/// <summary>
/// One page of STIX 2.x objects as the server sent it, still backed by the parsed response (a <see cref="JsonDocument"/>
/// per page), plus the cursor that is safe to commit once every object of this page was acknowledged by the sink.
/// Dispose it after the push to return the document's pooled memory.
/// </summary>
public sealed class SourcePage : IDisposable
{
    private readonly IDisposable? _owner;

    public SourcePage(int number, IReadOnlyList<JsonElement> objects, string cursorAfter, IDisposable? owner, int rejectedEntries = 0)
    {
        ArgumentNullException.ThrowIfNull(objects);
        Number = number;
        Objects = objects;
        CursorAfter = cursorAfter;
        _owner = owner;
        RejectedEntries = rejectedEntries;
    }

    /// <summary>1-based page number within the collection's run.</summary>
    public int Number { get; }

    public IReadOnlyList<JsonElement> Objects { get; }

    /// <summary>The cursor to commit after this page was pushed.</summary>
    public string CursorAfter { get; }

    /// <summary>Entries the source itself could not use (for example a STIX 1 indicator it could not convert).</summary>
    public int RejectedEntries { get; }

    public void Dispose() => _owner?.Dispose();
}
