using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Server.Protocol;

/// <summary>
/// The discovery (§4.1) and API root (§4.2) resources of a server with one API root: the read side and the push
/// endpoint answer with the same shapes.
/// </summary>
internal static class TaxiiServiceResources
{
    /// <summary>Discovery naming <paramref name="apiRootUrl"/> as the default and only API root.</summary>
    public static Task WriteDiscoveryAsync(HttpContext context, string title, string? description, string apiRootUrl, CancellationToken cancellationToken) =>
        WriteTitledAsync(
            context,
            title,
            writer =>
            {
                if (description is not null)
                {
                    writer.WriteString("description"u8, description);
                }

                writer.WriteString("default"u8, apiRootUrl);
                writer.WriteStartArray("api_roots"u8);
                writer.WriteStringValue(apiRootUrl);
                writer.WriteEndArray();
            },
            cancellationToken);

    /// <summary>The API root: TAXII 2.1 only, with the body size it takes.</summary>
    public static Task WriteApiRootAsync(HttpContext context, string title, long maxContentLength, CancellationToken cancellationToken) =>
        WriteTitledAsync(
            context,
            title,
            writer =>
            {
                writer.WriteStartArray("versions"u8);
                writer.WriteStringValue(TaxiiMediaTypes.Taxii21);
                writer.WriteEndArray();
                writer.WriteNumber("max_content_length"u8, maxContentLength);
            },
            cancellationToken);

    /// <summary>A 200 with an object whose first member is <c>title</c>, as both resources are.</summary>
    private static Task WriteTitledAsync(HttpContext context, string title, Action<Utf8JsonWriter> writeMembers, CancellationToken cancellationToken) =>
        TaxiiResponses.WriteResourceAsync(
            context,
            StatusCodes.Status200OK,
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("title"u8, title);
                writeMembers(writer);
                writer.WriteEndObject();
            },
            cancellationToken);
}
