using System.Globalization;
using Microsoft.Extensions.Options;

namespace TaxiiConnector.Pipeline.Holding;

/// <summary>
/// Where each collection's held objects are spooled: one directory per collection (named by a hash of its state key)
/// under <see cref="PipelineOptions.HeldObjectsDirectory"/>.
/// </summary>
internal sealed class HeldObjectStore
{
    private readonly PipelineOptions _options;

    public HeldObjectStore(IOptions<PipelineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>
    /// The collection's holding, with whatever an earlier run left in its spool waiting again; null when the run holds
    /// nothing (no directory configured).
    /// </summary>
    public ReferenceHolding? Open(string stateKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateKey);
        if (string.IsNullOrWhiteSpace(_options.HeldObjectsDirectory))
        {
            return null;
        }

        var directory = Path.Combine(_options.HeldObjectsDirectory, DirectoryName(stateKey));
        var holding = new ReferenceHolding(new HeldObjectSpool(directory), _options.HeldObjectsMemoryBytes);
        holding.Recover();
        return holding;
    }

    /// <summary>
    /// The collection's directory: a 64-bit FNV-1a of its state key with a final avalanche. Fixed for good, so that a
    /// newer version finds the objects an earlier one left held.
    /// </summary>
    internal static string DirectoryName(string stateKey)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in stateKey)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return (hash == 0 ? 1 : hash).ToString("x16", CultureInfo.InvariantCulture);
    }
}
