namespace TaxiiConnector.Testing.Faults;

/// <summary>The TAXII endpoints a fault can target.</summary>
public enum TaxiiEndpoint
{
    Discovery,
    ApiRoot,
    Collections,
    Collection,
    Objects,
    Manifest,

    /// <summary>Any other request: Add Objects, single-object endpoints, unknown paths.</summary>
    Other,
}

/// <summary>What a fault plan knows about a request when it decides.</summary>
/// <param name="Endpoint">The endpoint asked for.</param>
/// <param name="RequestNumber">1-based number of this request among every request the server received.</param>
/// <param name="ObjectsRequestNumber">1-based number among Get Objects requests; 0 for other endpoints.</param>
/// <param name="PageNumber">
/// 1-based page number for Get Objects (1 without <c>next</c>, k + 1 with the <c>next</c> page k was served with; 0 for a
/// <c>next</c> the server never issued); 0 for other endpoints.
/// </param>
/// <param name="CollectionId">The collection in the URL, if any.</param>
public sealed record FaultRequestContext(TaxiiEndpoint Endpoint, long RequestNumber, long ObjectsRequestNumber, int PageNumber, string? CollectionId);
