using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.OpenCti.GraphQL;

namespace TaxiiConnector.OpenCti.Registration;

/// <summary>
/// Start-up handshake: <c>about { version }</c> (one clear line when the platform is unreachable or refuses the token),
/// then <c>registerConnector</c> with the input fields this platform has (<see cref="RegistrationSchemaProbe"/>: learnt
/// from the platform, never guessed from its version number).
/// </summary>
public sealed partial class ConnectorRegistrar
{
    private readonly OpenCtiGraphQLClient _client;
    private readonly RegistrationSchemaProbe _schema;
    private readonly OpenCtiClientOptions _options;
    private readonly ILogger<ConnectorRegistrar> _logger;

    public ConnectorRegistrar(OpenCtiGraphQLClient client, RegistrationSchemaProbe schema, IOptions<OpenCtiClientOptions> options,
        ILogger<ConnectorRegistrar> logger)
    {
        _client = client;
        _schema = schema;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Checks the platform and registers the connector (idempotent on the platform side: safe on every start).</summary>
    public async Task<ConnectorRegistration> RegisterAsync(CancellationToken cancellationToken)
    {
        var version = await CheckPlatformAsync(cancellationToken).ConfigureAwait(false);
        var connectorId = _options.ConnectorId ?? throw new InvalidOperationException("CONNECTOR_ID (connector.id) is required to register with OpenCTI.");
        var schema = await _schema.GetAsync(cancellationToken).ConfigureAwait(false);
        var request = BuildRegisterRequest(_options, schema);
        using var document = await _client.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        var connector = document.RootElement.GetProperty("data"u8).GetProperty("registerConnector"u8);
        if (connector.ValueKind != JsonValueKind.Object)
        {
            throw new OpenCtiHttpException("OpenCTI registerConnector returned no connector");
        }

        var registration = new ConnectorRegistration(
            GetString(connector, "id") ?? connectorId,
            GetString(connector, "connector_user_id"),
            GetString(connector, "connector_state"),
            ReadQueueConfig(connector),
            version);
        Log.Registered(_logger, registration.ConnectorId, version);
        return registration;
    }

    /// <summary>The <c>about</c> check alone: returns the platform version or throws <see cref="OpenCtiUnavailableException"/>.</summary>
    public async Task<string> CheckPlatformAsync(CancellationToken cancellationToken)
    {
        var url = _options.Url?.ToString() ?? "(no OPENCTI_URL)";
        try
        {
            return await _client.GetPlatformVersionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OpenCtiHttpException ex) when (ex.IsAuthenticationError)
        {
            throw new OpenCtiUnavailableException($"OpenCTI at {url} refused the token (HTTP {(int)ex.StatusCode!}): check OPENCTI_TOKEN (opencti.token).", ex);
        }
        catch (OpenCtiGraphQLException ex) when (ex.IsAuthenticationError)
        {
            throw new OpenCtiUnavailableException($"OpenCTI at {url} refused the token ({ex.PlatformMessage}): check OPENCTI_TOKEN (opencti.token).", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or OpenCtiHttpException or OpenCtiGraphQLException or SocketException or TimeoutException
            or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new OpenCtiUnavailableException($"OpenCTI API is not reachable at {url}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// pycti's registration input, with only the fields <paramref name="schema"/> lists (<c>id</c>, <c>name</c> and
    /// <c>type</c> are required everywhere).
    /// </summary>
    internal static GraphQLRequest BuildRegisterRequest(OpenCtiClientOptions options, RegistrationSchema schema)
    {
        var scope = options.ConnectorScope.Count > 0 ? options.ConnectorScope : ["not-applicable"];
        return new GraphQLRequest("registerConnector", OpenCtiDocuments.RegisterConnector(schema.ConfigSelection()), writer =>
        {
            writer.WriteStartObject("input"u8);
            writer.WriteString("id"u8, options.ConnectorId);
            writer.WriteString("name"u8, options.ConnectorName);
            writer.WriteString("type"u8, options.ConnectorType);
            if (schema.HasInput("scope"))
            {
                writer.WriteStartArray("scope"u8);
                foreach (var item in scope)
                {
                    writer.WriteStringValue(item.Trim());
                }

                writer.WriteEndArray();
            }

            WriteIfListed(writer, schema, "auto", w => w.WriteBoolean("auto"u8, options.ConnectorAuto));
            WriteIfListed(writer, schema, "auto_update", w => w.WriteBoolean("auto_update"u8, false));
            WriteIfListed(writer, schema, "enrichment_resolution", w => w.WriteString("enrichment_resolution"u8, "none"));
            WriteIfListed(writer, schema, "only_contextual", w => w.WriteBoolean("only_contextual"u8, false));
            WriteIfListed(writer, schema, "playbook_compatible", w => w.WriteBoolean("playbook_compatible"u8, false));
            WriteIfListed(writer, schema, "listen_callback_uri", w => w.WriteNull("listen_callback_uri"u8));
            WriteIfListed(writer, schema, "version", w => w.WriteString("version"u8, options.Version));
            WriteIfListed(writer, schema, "slug", w => w.WriteString("slug"u8, Slug(options.ConnectorName ?? "taxii2")));
            writer.WriteEndObject();
        }, retry: GraphQLRetry.WhenTransient);
    }

    private static void WriteIfListed(Utf8JsonWriter writer, RegistrationSchema schema, string field, Action<Utf8JsonWriter> write)
    {
        if (schema.HasInput(field))
        {
            write(writer);
        }
    }

    internal static string Slug(string name)
    {
        var chars = name.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return new string(chars).Trim('-');
    }

    private static PlatformQueueConfig? ReadQueueConfig(JsonElement connector)
    {
        if (!connector.TryGetProperty("config"u8, out var config) || config.ValueKind != JsonValueKind.Object
            || !config.TryGetProperty("connection"u8, out var connection) || connection.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new PlatformQueueConfig(
            GetString(connection, "host") ?? "localhost",
            connection.TryGetProperty("port"u8, out var port) && port.TryGetInt32(out var p) ? p : 5672,
            GetString(connection, "vhost") ?? "/",
            connection.TryGetProperty("use_ssl"u8, out var ssl) && ssl.ValueKind == JsonValueKind.True,
            GetString(connection, "user") ?? "guest",
            GetString(connection, "pass") ?? string.Empty,
            GetString(config, "push_exchange") ?? "amqp.worker.exchange",
            GetString(config, "push_routing") ?? string.Empty,
            GetString(config, "push") ?? string.Empty);
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.OpenCtiConnectorRegistered, EventName = nameof(LogEventIds.OpenCtiConnectorRegistered), Level = LogLevel.Information,
            Message = "Registered connector {ConnectorId} with OpenCTI {PlatformVersion}")]
        public static partial void Registered(ILogger logger, string connectorId, string platformVersion);
    }
}
