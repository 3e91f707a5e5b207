using TaxiiConnector.OpenCti.Ping;
using TaxiiConnector.OpenCti.Registration;

namespace TaxiiConnector.OpenCti.State;

/// <summary>
/// Cursors kept in OpenCTI's <c>connector_state</c> (<see cref="ConnectorStateDocument"/>): loaded from the registration,
/// and pinged to the platform straight after each commit (pycti waits up to 40 s for its next ping and loses the state
/// when the process dies in between).
/// </summary>
public sealed class OpenCtiStateStore : IStateStore
{
    private readonly ConnectorSession _session;
    private readonly ConnectorStateDocument _state;
    private readonly ConnectorPinger _pinger;

    public OpenCtiStateStore(ConnectorSession session, ConnectorStateDocument state, ConnectorPinger pinger)
    {
        _session = session;
        _state = state;
        _pinger = pinger;
    }

    public DateTimeOffset? LegacyLastRun => _state.LegacyLastRun;

    public async ValueTask LoadAsync(CancellationToken cancellationToken) =>
        await _session.EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);

    public string? GetCursor(string key) => _state.GetCursor(key);

    /// <summary>Sets the cursor and pings it to the platform; throws when the platform did not take it.</summary>
    public async ValueTask CommitAsync(string key, string cursor, CancellationToken cancellationToken)
    {
        _state.SetCursor(key, cursor);
        await _pinger.PingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets <c>last_run</c> and pings it to the platform; throws when the platform did not take it.</summary>
    public async ValueTask MarkRunCompletedAsync(DateTimeOffset runStart, CancellationToken cancellationToken)
    {
        _state.SetLastRun(runStart);
        await _pinger.PingAsync(cancellationToken).ConfigureAwait(false);
    }
}
