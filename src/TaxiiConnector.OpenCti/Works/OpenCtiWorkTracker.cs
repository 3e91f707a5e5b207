using Microsoft.Extensions.Logging;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Registration;

namespace TaxiiConnector.OpenCti.Works;

/// <summary>
/// OpenCTI works: <c>workAdd</c>, <c>workEdit.addExpectations</c>, <c>workEdit.toProcessed</c>. None of them is safe to
/// send twice, so the HTTP pipeline retries them only when the platform never received them; a failure of
/// <c>workAdd</c> or <c>toProcessed</c> is the caller's to report, one of <c>addExpectations</c> is logged here.
/// </summary>
public sealed partial class OpenCtiWorkTracker : IWorkTracker
{
    private readonly OpenCtiGraphQLClient _client;
    private readonly ConnectorSession _session;
    private readonly ILogger<OpenCtiWorkTracker> _logger;

    public OpenCtiWorkTracker(OpenCtiGraphQLClient client, ConnectorSession session, ILogger<OpenCtiWorkTracker> logger)
    {
        _client = client;
        _session = session;
        _logger = logger;
    }

    public async ValueTask<string?> StartAsync(string friendlyName, CancellationToken cancellationToken)
    {
        var registration = await _session.EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
        using var document = await _client.ExecuteAsync(BuildWorkAdd(registration.ConnectorId, friendlyName), cancellationToken).ConfigureAwait(false);
        var id = document.RootElement.GetProperty("data"u8).GetProperty("workAdd"u8).GetProperty("id"u8).GetString()
            ?? throw new OpenCtiHttpException("OpenCTI workAdd returned no id");
        Log.WorkStarted(_logger, id, friendlyName);
        return id;
    }

    public async ValueTask AddExpectationsAsync(string? workId, int expectations, CancellationToken cancellationToken)
    {
        if (workId is null || expectations <= 0)
        {
            return;
        }

        try
        {
            using var _ = await _client.ExecuteAsync(BuildAddExpectations(workId, expectations), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // As pycti: the messages go out anyway. Retrying could make the work expect messages that never come (it would
            // stay in progress forever); failing would lose the page until the next run. Without these expectations the
            // work may show complete before the workers are done, which is the lesser harm.
            Log.ExpectationsNotAdded(_logger, workId, expectations, ex.Message);
        }
    }

    public async ValueTask CompleteAsync(string? workId, string message, bool inError, CancellationToken cancellationToken)
    {
        if (workId is null)
        {
            return;
        }

        using var _ = await _client.ExecuteAsync(BuildToProcessed(workId, message, inError), cancellationToken).ConfigureAwait(false);
        Log.WorkCompleted(_logger, workId, inError);
    }

    internal static GraphQLRequest BuildWorkAdd(string connectorId, string friendlyName) =>
        new("workAdd", OpenCtiDocuments.WorkAdd, writer =>
        {
            writer.WriteString("connectorId"u8, connectorId);
            writer.WriteString("friendlyName"u8, friendlyName);
        });

    internal static GraphQLRequest BuildAddExpectations(string workId, int expectations) =>
        new("addExpectations", OpenCtiDocuments.WorkAddExpectations, writer =>
        {
            writer.WriteString("id"u8, workId);
            writer.WriteNumber("expectations"u8, expectations);
        });

    internal static GraphQLRequest BuildToProcessed(string workId, string message, bool inError) =>
        new("workToProcessed", OpenCtiDocuments.WorkToProcessed, writer =>
        {
            writer.WriteString("id"u8, workId);
            writer.WriteString("message"u8, message);
            writer.WriteBoolean("inError"u8, inError);
        });

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.OpenCtiWorkStarted, EventName = nameof(LogEventIds.OpenCtiWorkStarted), Level = LogLevel.Debug, Message = "OpenCTI work {WorkId} started: {FriendlyName}")]
        public static partial void WorkStarted(ILogger logger, string workId, string friendlyName);

        [LoggerMessage(EventId = LogEventIds.OpenCtiWorkCompleted, EventName = nameof(LogEventIds.OpenCtiWorkCompleted), Level = LogLevel.Debug, Message = "OpenCTI work {WorkId} closed (in error: {InError})")]
        public static partial void WorkCompleted(ILogger logger, string workId, bool inError);

        [LoggerMessage(EventId = LogEventIds.OpenCtiExpectationsNotAdded, EventName = nameof(LogEventIds.OpenCtiExpectationsNotAdded), Level = LogLevel.Warning,
            Message = "OpenCTI addExpectations for work {WorkId} ({Expectations} messages) failed, publishing them anyway (the work may show complete before its workers finish): {Reason}")]
        public static partial void ExpectationsNotAdded(ILogger logger, string workId, int expectations, string reason);
    }
}
