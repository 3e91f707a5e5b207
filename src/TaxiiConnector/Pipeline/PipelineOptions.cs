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

    /// <summary>
    /// Push attempts per bundle the sink reported as not delivered, before the collection is given up for this run (its
    /// cursor stays put). Other sink failures are not retried by the pipeline.
    /// </summary>
    [Range(1, 100)]
    public int PushAttempts { get; set; } = 6;

    /// <summary>The first wait between push attempts; it doubles per attempt up to <see cref="PushRetryMaxDelay"/>.</summary>
    public TimeSpan PushRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan PushRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>No push is retried once this long has passed since the bundle's first attempt.</summary>
    public TimeSpan PushRetryTotalTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long closing an OpenCTI work may take once the run was cancelled.</summary>
    public TimeSpan CloseWorkTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
