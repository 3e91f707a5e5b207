using Microsoft.Extensions.Logging;
using TaxiiConnector.OpenCti.GraphQL;

namespace TaxiiConnector.OpenCti.Registration;

/// <summary>
/// Asks the platform, once, which registration fields it has (<see cref="OpenCtiDocuments.RegistrationSchema"/>). When it
/// will not say (introspection refused, an odd answer), registration goes on with <see cref="RegistrationSchema.Minimal"/>,
/// which every supported platform accepts, after one warning line.
/// </summary>
public sealed partial class RegistrationSchemaProbe
{
    private readonly OpenCtiGraphQLClient _client;
    private readonly ILogger<RegistrationSchemaProbe> _logger;
    private RegistrationSchema? _schema;

    public RegistrationSchemaProbe(OpenCtiGraphQLClient client, ILogger<RegistrationSchemaProbe> logger)
    {
        _client = client;
        _logger = logger;
    }

    /// <summary>The platform's registration fields; asked on the first call only (registering again reuses the answer).</summary>
    public async ValueTask<RegistrationSchema> GetAsync(CancellationToken cancellationToken)
    {
        if (_schema is { } known)
        {
            return known;
        }

        var schema = await ProbeAsync(cancellationToken).ConfigureAwait(false);
        _schema = schema;
        return schema;
    }

    private async Task<RegistrationSchema> ProbeAsync(CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            var request = new GraphQLRequest("registrationSchema", OpenCtiDocuments.RegistrationSchema, retry: GraphQLRetry.WhenTransient);
            using var document = await _client.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            if (RegistrationSchema.FromIntrospection(document.RootElement.GetProperty("data"u8)) is { } schema)
            {
                Log.Probed(_logger, string.Join(',', schema.InputFields.Order(StringComparer.Ordinal)), string.Join(',', schema.ConfigSelection()));
                return schema;
            }

            reason = "the answer lists no fields for RegisterConnectorInput or ConnectorConfig";
        }
        catch (Exception ex) when (ex is HttpRequestException or OpenCtiHttpException or OpenCtiGraphQLException
            or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            reason = ex.Message;
        }

        Log.ProbeFailed(_logger, reason);
        return RegistrationSchema.Minimal;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.OpenCtiRegistrationSchemaProbed, EventName = nameof(LogEventIds.OpenCtiRegistrationSchemaProbed), Level = LogLevel.Debug,
            Message = "OpenCTI registration accepts input fields {InputFields}; asking for config fields {ConfigFields}")]
        public static partial void Probed(ILogger logger, string inputFields, string configFields);

        [LoggerMessage(EventId = LogEventIds.OpenCtiRegistrationSchemaUnknown, EventName = nameof(LogEventIds.OpenCtiRegistrationSchemaUnknown), Level = LogLevel.Warning,
            Message = "OpenCTI did not say which registration fields it accepts ({Reason}): registering with the fields every platform since 6.4 has (no auto_update, enrichment_resolution, listen_callback_uri, version or slug)")]
        public static partial void ProbeFailed(ILogger logger, string reason);
    }
}
