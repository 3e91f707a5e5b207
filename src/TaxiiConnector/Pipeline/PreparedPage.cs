namespace TaxiiConnector.Pipeline;

/// <summary>A page after the transformer: its bundles and the cursor to commit once all of them were acknowledged.</summary>
internal sealed class PreparedPage : IDisposable
{
    public PreparedPage(int number, string cursorAfter, int objectsIn, int dropped, PageBundles bundles)
    {
        Number = number;
        CursorAfter = cursorAfter;
        ObjectsIn = objectsIn;
        Dropped = dropped;
        Bundles = bundles;
    }

    public int Number { get; }

    public string CursorAfter { get; }

    public int ObjectsIn { get; }

    /// <summary>Entries the source rejected plus objects the transformer dropped.</summary>
    public int Dropped { get; }

    public PageBundles Bundles { get; }

    /// <summary>False for the objects held until the collection's end: they follow the last page and move no cursor.</summary>
    public bool CommitsCursor { get; init; } = true;

    public void Dispose() => Bundles.Dispose();
}
