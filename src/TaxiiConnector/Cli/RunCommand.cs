using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Configuration;
using TaxiiConnector.Logging;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Reports;
using TaxiiConnector.Scheduling;

namespace TaxiiConnector.Cli;

/// <summary>
/// <c>run</c> (the default): validate the configuration (exit 1 with one line per problem, before any network call),
/// then run the host: the scheduler calls the registered <see cref="IConnectorJob"/> until stopped, or once.
/// </summary>
public sealed partial class RunCommand : IConnectorCommand
{
    public const string CommandName = "run";

    public string Name => CommandName;

    public string Summary => "Run the connector (default). --once: one run, then exit. --full-resync: send even what de-duplication knows. --dry-run [--output DIR]: write bundles to DIR, no OpenCTI.";

    public async Task<int> ExecuteAsync(ConnectorInvocation invocation, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(output);
        if (await CommandHost.RejectArgumentsAsync(invocation, output, cancellationToken))
        {
            return 2;
        }

        using var host = await CommandHost.BuildValidatedAsync(invocation, output, configure: null, cancellationToken);
        if (host is null)
        {
            return 1;
        }

        var logger = host.Services.GetRequiredService<ILogger<RunCommand>>();
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        foreach (var unknown in ConfigSections.FindUnknownSettings(configuration))
        {
            Log.UnknownSetting(logger, unknown);
        }

        foreach (var ignored in ConfigSections.FindIgnoredSourceSettings(configuration))
        {
            Log.IgnoredSourceSettings(logger, ignored);
        }

        var status = host.Services.GetRequiredService<ConnectorRunStatus>();
        var runner = host.Services.GetService<ConnectorRunner>();
        try
        {
            // Not RunAsync: it disposes the host, and with it the logger this failure must still be written to.
            await host.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A service that could not start (OpenCTI unreachable or refusing the token, a port in use): one line saying
            // what to change, the trace only at debug. The host logged nothing else about it (see ConnectorLogging).
            Log.StartFailure(logger, exception);
            Log.StartFailed(logger, FailureExplainer.Explain(exception).Line);
            return 1;
        }

        await host.WaitForShutdownAsync(cancellationToken);
        if (invocation.Once && output.IsTerminal && runner?.LastReport is { } report)
        {
            await RunReportTable.WriteAsync(output.Out, report, cancellationToken);
        }

        return status.ExitCode;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.UnknownSetting, EventName = nameof(LogEventIds.UnknownSetting), Level = LogLevel.Warning, Message = "{Setting} is not a setting this connector knows; it is ignored")]
        public static partial void UnknownSetting(ILogger logger, string setting);

        [LoggerMessage(EventId = LogEventIds.IgnoredSourceSettings, EventName = nameof(LogEventIds.IgnoredSourceSettings), Level = LogLevel.Warning, Message = "{Settings}")]
        public static partial void IgnoredSourceSettings(ILogger logger, string settings);

        [LoggerMessage(EventId = LogEventIds.StartFailed, EventName = nameof(LogEventIds.StartFailed), Level = LogLevel.Error, Message = "The connector could not start: {Reason}; exiting with code 1")]
        public static partial void StartFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = LogEventIds.StartFailure, EventName = nameof(LogEventIds.StartFailure), Level = LogLevel.Debug, Message = "Start failure details")]
        public static partial void StartFailure(ILogger logger, Exception exception);
    }
}
