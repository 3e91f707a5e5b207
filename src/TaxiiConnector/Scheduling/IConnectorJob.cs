namespace TaxiiConnector.Scheduling;

/// <summary>
/// One run of the connector (every enabled source, every selected collection). The scheduler calls it at start and
/// then on schedule; a throw is logged and the schedule goes on. Cancellation means the host is stopping: stop soon,
/// without advancing state past what was pushed.
/// </summary>
public interface IConnectorJob
{
    Task RunAsync(CancellationToken cancellationToken);
}
