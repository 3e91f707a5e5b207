using Microsoft.Extensions.Hosting;
using TaxiiConnector.OpenCti.Ping;
using TaxiiConnector.Scheduling;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// Hands the scheduler's run times to the OpenCTI ping (<c>last_run_datetime</c>, <c>next_run_datetime</c> in
/// <c>connectorInfo</c>), so the platform's connector page shows when the connector last ran and runs next.
/// </summary>
internal sealed class RunInfoBridge : IHostedService
{
    private readonly ConnectorRunStatus _status;
    private readonly ConnectorRunInfo _runInfo;

    public RunInfoBridge(ConnectorRunStatus status, ConnectorRunInfo runInfo)
    {
        _status = status;
        _runInfo = runInfo;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _status.Changed += OnChanged;
        OnChanged(this, _status.Current);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _status.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(object? sender, ConnectorRunSnapshot snapshot) =>
        _runInfo.SetRunTimes(snapshot.LastRunStartedAt, snapshot.NextRunAt);
}
