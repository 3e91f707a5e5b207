namespace TaxiiConnector.Stix.Stix1;

/// <summary>Where a converted indicator's STIX 2.1 id comes from.</summary>
public enum Stix1IndicatorIdSource
{
    /// <summary>UUIDv5 of the STIX 1 indicator id: stable for producers whose ids are stable.</summary>
    Stix1Id,

    /// <summary>
    /// pycti's id from the pattern: stable even when the producer's ids are per transmission (ThreatConnect documents
    /// its STIX package ids as temporary), and the id OpenCTI itself would compute.
    /// </summary>
    Pattern,
}

/// <summary>How STIX 1.1.1 content is converted to STIX 2.1.</summary>
public sealed class Stix1ConverterOptions
{
    /// <summary>Also emit the observables an indicator matches exactly, each with a <c>based-on</c> relationship.</summary>
    public bool CreateObservables { get; set; } = true;

    /// <summary>Read ThreatConnect's TC_V2 description fields (description, rating, ThreatAssess, false positives, owner).</summary>
    public bool ParseTcV2Descriptions { get; set; } = true;

    public Stix1IndicatorIdSource IndicatorIds { get; set; } = Stix1IndicatorIdSource.Stix1Id;

    /// <summary>Write the package header (title, description, time) as a report referencing everything converted from the package.</summary>
    public bool CreateReport { get; set; } = true;
}
