using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Ping;
using TaxiiConnector.OpenCti.Registration;

namespace TaxiiConnector.OpenCti.Buffering;

/// <summary>
/// pycti's <c>check_connector_buffering</c>: before a run, read the push queue's size and skip the run while it is at or
/// above <c>CONNECTOR_QUEUE_THRESHOLD</c> MB, so a slow platform is not buried. The ping then reports <c>buffering: true</c>.
/// </summary>
public sealed partial class QueueBufferingCheck
{
    private const double BytesPerMb = 1_000_000;

    private readonly OpenCtiGraphQLClient _client;
    private readonly ConnectorSession _session;
    private readonly ConnectorRunInfo _runInfo;
    private readonly OpenCtiClientOptions _options;
    private readonly ILogger<QueueBufferingCheck> _logger;

    public QueueBufferingCheck(
        OpenCtiGraphQLClient client,
        ConnectorSession session,
        ConnectorRunInfo runInfo,
        IOptions<OpenCtiClientOptions> options,
        ILogger<QueueBufferingCheck> logger)
    {
        _client = client;
        _session = session;
        _runInfo = runInfo;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>True when the run should be skipped because the platform's queue is over the threshold (never in a dry run).</summary>
    public async Task<bool> ShouldSkipRunAsync(CancellationToken cancellationToken)
    {
        if (_options.DryRunOutputDirectory is not null)
        {
            return false;
        }

        var registration = await _session.EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
        using var document = await _client.ExecuteAsync(BuildRequest(registration.ConnectorId), cancellationToken).ConfigureAwait(false);
        var connector = document.RootElement.GetProperty("data"u8).GetProperty("connector"u8);
        var sizeBytes = connector.ValueKind == JsonValueKind.Object
            && connector.TryGetProperty("connector_queue_details"u8, out var details) && details.ValueKind == JsonValueKind.Object
            && details.TryGetProperty("messages_size"u8, out var size) && size.TryGetDouble(out var value)
                ? value
                : 0;
        var sizeMb = sizeBytes / BytesPerMb;
        var buffering = sizeMb >= _options.QueueThresholdMb;
        _runInfo.SetQueue(buffering, sizeMb);
        if (buffering)
        {
            Log.Buffering(_logger, sizeMb, _options.QueueThresholdMb);
        }

        return buffering;
    }

    internal static GraphQLRequest BuildRequest(string connectorId) =>
        new("connectorQueueDetails", OpenCtiDocuments.ConnectorQueueDetails, writer => writer.WriteString("id"u8, connectorId), retry: GraphQLRetry.WhenTransient);

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.OpenCtiQueueBuffering, EventName = nameof(LogEventIds.OpenCtiQueueBuffering), Level = LogLevel.Information,
            Message = "OpenCTI push queue holds {QueueMb:F1} MB (threshold {ThresholdMb} MB): run skipped until the platform catches up")]
        public static partial void Buffering(ILogger logger, double queueMb, double thresholdMb);
    }
}
