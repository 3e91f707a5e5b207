namespace TaxiiConnector.Sources;

/// <summary>Which OpenCTI works a source's run opens; each is closed on every exit path, in error when its part failed.</summary>
public enum SourceWorkScope
{
    /// <summary>One work per run of the source, covering all its collections.</summary>
    PerRun,

    /// <summary>One work per collection (feed) per run; a failure outside every collection gets a work of its own.</summary>
    PerCollection,
}
