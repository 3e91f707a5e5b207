using System.ComponentModel.DataAnnotations;

namespace TaxiiConnector.Pipeline;

/// <summary>How a run moves pages from its sources to its sink.</summary>
public sealed class PipelineOptions
{
    /// <summary>
    /// Pages transformed ahead of the push. Small on purpose: enough to overlap fetching with pushing, never a buffer
    /// that grows with the collection.
    /// </summary>
    [Range(2, 4)]
    public int PageBufferCapacity { get; set; } = 3;

    /// <summary>Push attempts per bundle before the collection is given up for this run (its cursor stays put).</summary>
    [Range(1, 100)]
    public int PushAttempts { get; set; } = 6;

    /// <summary>The first wait between push attempts; it doubles per attempt up to <see cref="PushRetryMaxDelay"/>.</summary>
    public TimeSpan PushRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan PushRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Where objects held back until their targets are sent are spooled (a directory per collection); null holds
    /// nothing. Set from <c>connector.data_dir</c>.
    /// </summary>
    public string? HeldObjectsDirectory { get; set; }

    /// <summary>JSON of held objects kept in memory per collection; past it, held objects are read back from the spool.</summary>
    [Range(0, long.MaxValue)]
    public long HeldObjectsMemoryBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>How long closing an OpenCTI work may take once the run was cancelled.</summary>
    public TimeSpan CloseWorkTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
