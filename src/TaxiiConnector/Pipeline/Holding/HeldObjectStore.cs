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

        var directory = Path.Combine(_options.HeldObjectsDirectory, IdHash.Of(stateKey).ToString("x16", CultureInfo.InvariantCulture));
        var holding = new ReferenceHolding(new HeldObjectSpool(directory), _options.HeldObjectsMemoryBytes);
        holding.Recover();
        return holding;
    }
}
