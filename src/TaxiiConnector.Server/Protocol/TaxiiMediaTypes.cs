namespace TaxiiConnector.Server.Protocol;

/// <summary>The media types a TAXII 2.1 server speaks (TAXII 2.1 §1.6.8).</summary>
public static class TaxiiMediaTypes
{
    /// <summary>TAXII resources and envelopes; written without a space, as the strictest clients expect.</summary>
    public const string Taxii21 = "application/taxii+json;version=2.1";

    /// <summary>What a collection holds.</summary>
    public const string Stix21 = "application/stix+json;version=2.1";

    internal const string TaxiiBase = "application/taxii+json";
}
