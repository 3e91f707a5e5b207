using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Yaml;
using TaxiiConnector.Hosting;
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

    public string Summary => "Run the connector (default). --once: one run, then exit. --dry-run [--output DIR]: write bundles to DIR, no OpenCTI.";

    public async Task<int> ExecuteAsync(ConnectorInvocation invocation, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(output);
        if (invocation.Arguments.Count > 0)
        {
            await output.Error.WriteLineAsync($"Unexpected argument '{invocation.Arguments[0]}'.".AsMemory(), cancellationToken);
            return 2;
        }

        HostApplicationBuilder builder;
        try
        {
            builder = ConnectorHost.CreateBuilder(invocation, output.Log);
        }
        catch (ConfigFileException exception)
        {
            await output.Error.WriteLineAsync(exception.Message.AsMemory(), cancellationToken);
            return 1;
        }

        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILogger<RunCommand>>();

        var problems = StartupValidation.Collect(host.Services);
        if (problems.Count > 0)
        {
            // Plain lines on stderr, the same as check-config prints: the logger may be the thing misconfigured.
            foreach (var problem in problems)
            {
                await output.Error.WriteLineAsync($"configuration problem: {problem}".AsMemory(), cancellationToken);
            }

            return 1;
        }

        foreach (var unknown in ConfigSections.FindUnknownSettings(host.Services.GetRequiredService<IConfiguration>()))
        {
            Log.UnknownSetting(logger, unknown);
        }

        if (host.Services.GetService<IConnectorJob>() is null)
        {
            await output.Error.WriteLineAsync(
                "no job registered: this build has no connector pipeline (IConnectorJob), so there is nothing to run".AsMemory(),
                cancellationToken);
            return 1;
        }

        // RunAsync disposes the host: take what is read after it first.
        var status = host.Services.GetRequiredService<ConnectorRunStatus>();
        await host.RunAsync(cancellationToken);
        return status.ExitCode;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 11, EventName = "UnknownSetting", Level = LogLevel.Warning, Message = "{Setting} is not a setting this connector knows; it is ignored")]
        public static partial void UnknownSetting(ILogger logger, string setting);
    }
}
