using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace TaxiiConnector.OpenCti.GraphQL;

/// <summary>
/// The platform's GraphQL endpoint: <c>POST {url}/graphql</c>. A typed <see cref="HttpClient"/> whose base address,
/// <c>Authorization</c>, User-Agent, custom headers, TLS and resilience (retries with back-off, of transient failures
/// of calls that are safe to repeat and of calls that never reached the platform: <see cref="OpenCtiRetryPredicate"/>)
/// are set up by <see cref="OpenCtiServiceCollectionExtensions.AddOpenCti"/>.
/// </summary>
public sealed partial class OpenCtiGraphQLClient
{
    private const int ErrorBodyExcerptChars = 300;

    private readonly HttpClient _httpClient;
    private readonly ILogger<OpenCtiGraphQLClient> _logger;

    public OpenCtiGraphQLClient(HttpClient httpClient, ILogger<OpenCtiGraphQLClient> logger)
    {
        _httpClient = httpClient;
        _logger = logger;
    }

    /// <summary>
    /// Sends one request and returns the whole response document; read <c>RootElement.GetProperty("data")</c>.
    /// Throws <see cref="OpenCtiGraphQLException"/> when the answer carries <c>errors</c>, and
    /// <see cref="OpenCtiHttpException"/> on a non-success status.
    /// </summary>
    public async Task<JsonDocument> ExecuteAsync(GraphQLRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var content = request.CreateContent?.Invoke() ?? CreateJsonContent(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = content };
        message.Options.Set(OpenCtiRetryPredicate.RetryKey, request.Retry);

        Log.Sending(_logger, request.OperationName, content.Headers.ContentLength ?? -1);
        using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var excerpt = await ReadExcerptAsync(response, cancellationToken).ConfigureAwait(false);
            throw new OpenCtiHttpException(request.OperationName, response.StatusCode, excerpt);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new OpenCtiHttpException($"OpenCTI {request.OperationName} failed: the answer is not JSON ({ex.Message})", ex);
            }

            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors"u8, out var errors)
                && errors.ValueKind == JsonValueKind.Array
                && errors.GetArrayLength() > 0)
            {
                var exception = ToException(request.OperationName, errors[0]);
                document.Dispose();
                throw exception;
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("data"u8, out _))
            {
                document.Dispose();
                throw new OpenCtiHttpException($"OpenCTI {request.OperationName} failed: the answer has no data");
            }

            return document;
        }
    }

    private static ReadOnlyMemoryContent CreateJsonContent(GraphQLRequest request)
    {
        var body = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("query"u8, request.Query);
            writer.WriteStartObject("variables"u8);
            request.WriteVariables?.Invoke(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var content = new ReadOnlyMemoryContent(body.WrittenMemory);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary><c>query { about { version } }</c>: the platform's version (pycti's start-up health check).</summary>
    public async Task<string> GetPlatformVersionAsync(CancellationToken cancellationToken)
    {
        using var document = await ExecuteAsync(new GraphQLRequest("about", OpenCtiDocuments.About, retry: GraphQLRetry.WhenTransient), cancellationToken).ConfigureAwait(false);
        var about = document.RootElement.GetProperty("data"u8).GetProperty("about"u8);
        return about.ValueKind == JsonValueKind.Object && about.TryGetProperty("version"u8, out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString()!
            : throw new OpenCtiHttpException("OpenCTI about failed: the answer has no version");
    }

    private static OpenCtiGraphQLException ToException(string operationName, JsonElement error)
    {
        string? message = null;
        string? code = null;
        if (error.ValueKind == JsonValueKind.Object)
        {
            if (error.TryGetProperty("message"u8, out var m) && m.ValueKind == JsonValueKind.String)
            {
                message = m.GetString();
            }

            if (error.TryGetProperty("extensions"u8, out var extensions) && extensions.ValueKind == JsonValueKind.Object
                && extensions.TryGetProperty("code"u8, out var c) && c.ValueKind == JsonValueKind.String)
            {
                code = c.GetString();
            }

            if (error.TryGetProperty("name"u8, out var n) && n.ValueKind == JsonValueKind.String)
            {
                code ??= n.GetString();
                message ??= n.GetString();
            }
        }

        return new OpenCtiGraphQLException(operationName, message ?? "unknown error", code);
    }

    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[ErrorBodyExcerptChars * 4];
                var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                var text = Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
                return text.Length > ErrorBodyExcerptChars ? text[..ErrorBodyExcerptChars] : text;
            }
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.OpenCtiGraphQLSending, EventName = nameof(LogEventIds.OpenCtiGraphQLSending), Level = LogLevel.Debug,
            Message = "OpenCTI GraphQL {OperationName} ({Bytes} bytes)")]
        public static partial void Sending(ILogger logger, string operationName, long bytes);
    }
}
