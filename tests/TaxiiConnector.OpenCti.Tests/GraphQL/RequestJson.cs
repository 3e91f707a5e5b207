using System.Buffers;
using System.Text;
using System.Text.Json;
using TaxiiConnector.OpenCti.GraphQL;

namespace TaxiiConnector.OpenCti.Tests.GraphQL;

internal static class RequestJson
{
    /// <summary>The <c>variables</c> object a request would send, as JSON text.</summary>
    public static string Variables(GraphQLRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            request.WriteVariables?.Invoke(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
