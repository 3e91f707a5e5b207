using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Server.Protocol;

/// <summary>Writes TAXII resources straight to the response body with a <see cref="Utf8JsonWriter"/>.</summary>
internal static class TaxiiResponses
{
    public static async Task WriteResourceAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> writeBody, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = TaxiiMediaTypes.Taxii21;
        var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        await using (writer.ConfigureAwait(false))
        {
            writeBody(writer);
        }

        await context.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The TAXII error message resource (§3.6.1); <c>http_status</c> is a string that matches the status code.</summary>
    public static Task WriteErrorAsync(HttpContext context, int statusCode, string title, string? description, CancellationToken cancellationToken) =>
        WriteResourceAsync(
            context,
            statusCode,
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("title"u8, title);
                if (description is not null)
                {
                    writer.WriteString("description"u8, description);
                }

                writer.WriteString("http_status"u8, statusCode.ToString(CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            },
            cancellationToken);
}
