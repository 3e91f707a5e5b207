using Microsoft.Extensions.Logging;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Registration;

namespace TaxiiConnector.OpenCti.Works;

/// <summary>OpenCTI works: <c>workAdd</c>, <c>workEdit.addExpectations</c>, <c>workEdit.toProcessed</c>.</summary>
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

        using var _ = await _client.ExecuteAsync(BuildAddExpectations(workId, expectations), cancellationToken).ConfigureAwait(false);
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
        new("toProcessed", OpenCtiDocuments.WorkToProcessed, writer =>
        {
            writer.WriteString("id"u8, workId);
            writer.WriteString("message"u8, message);
            writer.WriteBoolean("inError"u8, inError);
        });

    private static partial class Log
    {
        [LoggerMessage(EventId = 5130, EventName = "OpenCtiWorkStarted", Level = LogLevel.Debug, Message = "OpenCTI work {WorkId} started: {FriendlyName}")]
        public static partial void WorkStarted(ILogger logger, string workId, string friendlyName);

        [LoggerMessage(EventId = 5131, EventName = "OpenCtiWorkCompleted", Level = LogLevel.Debug, Message = "OpenCTI work {WorkId} closed (in error: {InError})")]
        public static partial void WorkCompleted(ILogger logger, string workId, bool inError);
    }
}
