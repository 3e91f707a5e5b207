namespace TaxiiConnector.Taxii.Taxii2;

/// <summary>The TAXII protocol version to speak. Never derived from the STIX content's <c>spec_version</c>.</summary>
public enum TaxiiVersion
{
    /// <summary>Probe discovery with TAXII 2.1 first, then 2.0 on 404, 406 or a non-TAXII content type.</summary>
    Auto = 0,

    /// <summary>TAXII 2.1: <c>application/taxii+json;version=2.1</c>, envelopes, <c>limit</c>/<c>next</c>/<c>more</c> paging.</summary>
    V21 = 21,

    /// <summary>TAXII 2.0: <c>application/vnd.oasis.taxii+json; version=2.0</c>, STIX bundles, HTTP <c>Range</c> paging.</summary>
    V20 = 20,
}
