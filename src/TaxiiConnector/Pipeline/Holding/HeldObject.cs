namespace TaxiiConnector.Pipeline.Holding;

/// <summary>An object held back until what it references was sent: where its JSON is and what it waits for.</summary>
internal sealed class HeldObject
{
    public HeldObject(long sequence, string id, string type, ulong idHash, ulong[] dependencies, SpoolLocation location, byte[]? json)
    {
        Sequence = sequence;
        Id = id;
        Type = type;
        IdHash = idHash;
        Dependencies = dependencies;
        Location = location;
        Json = json;
    }

    /// <summary>Order in which objects were held (the collection's order).</summary>
    public long Sequence { get; }

    public string Id { get; }

    public string Type { get; }

    public ulong IdHash { get; }

    /// <summary>Hashes of every id it references that the platform needs first.</summary>
    public ulong[] Dependencies { get; }

    public SpoolLocation Location { get; }

    /// <summary>The JSON while it is kept in memory; null past the memory cap (then read back from the spool).</summary>
    public byte[]? Json { get; }

    /// <summary>Sent (or replaced by a newer copy): no longer waiting.</summary>
    public bool Released { get; set; }
}
