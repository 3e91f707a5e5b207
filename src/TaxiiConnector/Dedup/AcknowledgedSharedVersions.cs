namespace TaxiiConnector.Dedup;

/// <summary>
/// The versions of the connector's shared objects (the author identity) that one collection's sink has: found in the
/// store, or acknowledged in this run. The same few objects come with every page; without this each page looked them up
/// (a read transaction per page) and, until the first write batch reached the database, sent them again. Only
/// acknowledged versions enter, so a version known here was taken by the sink.
/// </summary>
internal sealed class AcknowledgedSharedVersions
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, (long Version, int SeenDay)> _versions = [];

    public bool TryGet(long idHash, out (long Version, int SeenDay) known)
    {
        lock (_lock)
        {
            return _versions.TryGetValue(idHash, out known);
        }
    }

    public void Acknowledged(IReadOnlyList<ObjectVersion> versions, int day)
    {
        if (versions.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var version in versions)
            {
                _versions[version.IdHash] = (version.Version, day);
            }
        }
    }
}
