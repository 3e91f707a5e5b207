namespace TaxiiConnector.Server.Storage;

/// <summary>Where the server's collections and their objects come from.</summary>
public interface ITaxiiObjectStore
{
    /// <summary>The collections, in the stable order the collections resource lists them.</summary>
    IReadOnlyList<TaxiiCollectionInfo> Collections { get; }

    /// <summary>The objects of a collection, or null when the store has no such collection.</summary>
    ITaxiiObjectSequence? FindObjects(string collectionId);
}
