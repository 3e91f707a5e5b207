using Microsoft.AspNetCore.Http;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Server.Protocol;

/// <summary>
/// A TAXII error message resource to answer with (§3.6.1). The ones both servers send are worded here once, so a
/// client sees the same error from the read side and the push endpoint.
/// </summary>
internal sealed record TaxiiError(int StatusCode, string Title, string? Description)
{
    /// <summary>406: the request's <c>Accept</c> does not take TAXII 2.1.</summary>
    public static TaxiiError NotAcceptable { get; } = new(StatusCodes.Status406NotAcceptable, "Not acceptable", $"Send Accept: {TaxiiMediaTypes.Taxii21}.");

    /// <summary>404: no collection with this id (or alias) in the API root.</summary>
    public static TaxiiError CollectionNotFound(string collectionId) =>
        new(StatusCodes.Status404NotFound, "Collection not found", $"No collection '{collectionId}' in this API root.");
}
