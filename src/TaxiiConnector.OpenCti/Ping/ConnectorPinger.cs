using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Registration;
using TaxiiConnector.OpenCti.State;

namespace TaxiiConnector.OpenCti.Ping;

/// <summary>
/// The heartbeat: <c>pingConnector</c> every <see cref="OpenCtiClientOptions.PingInterval"/> (40 s) with the state and
/// <c>connectorInfo</c>. Writing state <em>is</em> a ping (there is no other mutation), so
/// <see cref="OpenCtiStateStore"/> calls <see cref="PingAsync"/> right after each commit. When the platform answers with a
/// different state (a reset in the UI), the local state adopts it; when the connector was deleted, it registers again.
/// </summary>
public sealed partial class ConnectorPinger : BackgroundService
{
    private readonly OpenCtiGraphQLClient _client;
    private readonly ConnectorSession _session;
    private readonly ConnectorStateDocument _state;
    private readonly ConnectorRunInfo _runInfo;
    private readonly OpenCtiClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ConnectorPinger> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ConnectorPinger(
        OpenCtiGraphQLClient client,
        ConnectorSession session,
        ConnectorStateDocument state,
        ConnectorRunInfo runInfo,
        IOptions<OpenCtiClientOptions> options,
        TimeProvider timeProvider,
        ILogger<ConnectorPinger> logger)
    {
        _client = client;
        _session = session;
        _state = state;
        _runInfo = runInfo;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Raised after the local state was replaced by the platform's (a reset: start over).</summary>
    public event EventHandler? StateAdopted;

    /// <summary>One ping now. Returns true when the platform's state replaced the local one.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var registration = await _session.EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
            var sent = _state.ToJson();
            string? returned;
            try
            {
                returned = await SendPingAsync(registration.ConnectorId, sent, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorNotFoundException)
            {
                Log.ConnectorDeleted(_logger, registration.ConnectorId);
                registration = await _session.ReregisterAsync(cancellationToken).ConfigureAwait(false);

                // The new connector starts empty; the local cursors are still what was pushed, so store them again.
                returned = await SendPingAsync(registration.ConnectorId, sent, cancellationToken).ConfigureAwait(false);
            }

            if (ConnectorStateDocument.AreEquivalent(sent, returned))
            {
                return false;
            }

            _state.Load(returned);
            Log.StateAdopted(_logger, registration.ConnectorId, _state.Count);
            StateAdopted?.Invoke(this, EventArgs.Empty);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Registers before the heartbeat starts, so a platform that is unreachable or refuses the token stops the host at
    /// start with one clear line (<see cref="GraphQL.OpenCtiUnavailableException"/>), as pycti does; transient failures are
    /// retried by the client first.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _session.EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the heartbeat with one last ping (the final state and run times), as pycti's <c>force_ping</c> does before exit.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_session.Current is null)
        {
            return;
        }

        try
        {
            await PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.PingFailed(_logger, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.RunAndTerminate)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Host edge: a background loop that ends on a failed ping would stop pinging for good.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.PingFailed(_logger, ex.Message);
            }

            try
            {
                await Task.Delay(_options.PingInterval, _timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    private async Task<string?> SendPingAsync(string connectorId, string state, CancellationToken cancellationToken)
    {
        var request = BuildPingRequest(connectorId, state, _runInfo, _options);
        JsonDocument document;
        try
        {
            document = await _client.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenCtiGraphQLException ex) when (ex.IsConnectorNotFound)
        {
            throw new ConnectorNotFoundException();
        }

        using (document)
        {
            var connector = document.RootElement.GetProperty("data"u8).GetProperty("pingConnector"u8);
            if (connector.ValueKind != JsonValueKind.Object)
            {
                throw new ConnectorNotFoundException();
            }

            return connector.TryGetProperty("connector_state"u8, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
    }

    internal static GraphQLRequest BuildPingRequest(string connectorId, string state, ConnectorRunInfo runInfo, OpenCtiClientOptions options) =>
        new("pingConnector", OpenCtiDocuments.PingConnector, writer =>
        {
            writer.WriteString("id"u8, connectorId);
            writer.WriteString("state"u8, state);
            writer.WriteStartObject("connectorInfo"u8);
            writer.WriteBoolean("run_and_terminate"u8, options.RunAndTerminate);
            writer.WriteBoolean("buffering"u8, runInfo.Buffering);
            writer.WriteNumber("queue_threshold"u8, options.QueueThresholdMb);
            writer.WriteNumber("queue_messages_size"u8, runInfo.QueueMessagesSizeMb);
            WriteDate(writer, "next_run_datetime", runInfo.NextRun);
            WriteDate(writer, "last_run_datetime", runInfo.LastRun);
            writer.WriteEndObject();
        }, retry: GraphQLRetry.WhenTransient);

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            writer.WriteString(name, date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private sealed class ConnectorNotFoundException : Exception
    {
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.OpenCtiPingFailed, EventName = nameof(LogEventIds.OpenCtiPingFailed), Level = LogLevel.Warning,
            Message = "OpenCTI ping failed (next attempt at the next interval): {Reason}")]
        public static partial void PingFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = LogEventIds.OpenCtiStateAdopted, EventName = nameof(LogEventIds.OpenCtiStateAdopted), Level = LogLevel.Warning,
            Message = "OpenCTI holds a different state for connector {ConnectorId} (reset in the UI?): adopted it, {CursorCount} cursors remain")]
        public static partial void StateAdopted(ILogger logger, string connectorId, int cursorCount);

        [LoggerMessage(EventId = LogEventIds.OpenCtiConnectorDeleted, EventName = nameof(LogEventIds.OpenCtiConnectorDeleted), Level = LogLevel.Warning,
            Message = "OpenCTI no longer knows connector {ConnectorId} (deleted in the UI?): registering it again")]
        public static partial void ConnectorDeleted(ILogger logger, string connectorId);
    }
}
