using TaxiiConnector.OpenCti.State;

namespace TaxiiConnector.OpenCti.Registration;

/// <summary>
/// The connector's registration, done once and shared: whoever needs it first (state store, pinger, AMQP sink) triggers it.
/// A deleted connector is registered again through <see cref="ReregisterAsync"/>.
/// </summary>
public sealed class ConnectorSession : IDisposable
{
    private readonly ConnectorRegistrar _registrar;
    private readonly ConnectorStateDocument _state;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile ConnectorRegistration? _current;

    public ConnectorSession(ConnectorRegistrar registrar, ConnectorStateDocument state)
    {
        _registrar = registrar;
        _state = state;
    }

    /// <summary>The registration, or null before the first one succeeded.</summary>
    public ConnectorRegistration? Current => _current;

    /// <summary>
    /// Registers on first call and loads the platform's stored state into <see cref="ConnectorStateDocument"/> before
    /// anything can ping (a ping with an empty local state would overwrite it); later calls return the same registration.
    /// </summary>
    public async ValueTask<ConnectorRegistration> EnsureRegisteredAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } registered)
            {
                return registered;
            }

            var registration = await _registrar.RegisterAsync(cancellationToken).ConfigureAwait(false);
            _state.Load(registration.ConnectorState);
            _current = registration;
            return registration;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Registers again (the platform lost the connector) and returns the new registration.</summary>
    public async Task<ConnectorRegistration> ReregisterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var registration = await _registrar.RegisterAsync(cancellationToken).ConfigureAwait(false);
            _current = registration;
            return registration;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
