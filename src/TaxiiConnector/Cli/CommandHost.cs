using Microsoft.Extensions.Hosting;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Yaml;
using TaxiiConnector.Hosting;

namespace TaxiiConnector.Cli;

/// <summary>
/// The steps every command starts with: refuse arguments it takes none of (exit 2), build the connector's host from
/// the configuration and report what is wrong with it (exit 1). Problems go to stderr as plain lines, never through
/// the logger: the logger may be the thing misconfigured.
/// </summary>
internal static class CommandHost
{
    /// <summary>True (after one line on stderr) when the command got an argument; the command then exits 2.</summary>
    public static async Task<bool> RejectArgumentsAsync(ConnectorInvocation invocation, CommandOutput output, CancellationToken cancellationToken)
    {
        if (invocation.Arguments.Count == 0)
        {
            return false;
        }

        await output.Error.WriteLineAsync($"Unexpected argument '{invocation.Arguments[0]}'.".AsMemory(), cancellationToken);
        return true;
    }

    /// <summary>
    /// The host, logging to <see cref="CommandOutput.Log"/>; null (after the configuration file's problem on stderr)
    /// when the file cannot be read, and the command then exits 1. Nothing is validated yet.
    /// </summary>
    public static async Task<IHost?> BuildAsync(
        ConnectorInvocation invocation,
        CommandOutput output,
        Action<HostApplicationBuilder>? configure,
        CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder;
        try
        {
            builder = ConnectorHost.CreateBuilder(invocation, output.Log);
        }
        catch (ConfigFileException exception)
        {
            await output.Error.WriteLineAsync(exception.Message.AsMemory(), cancellationToken);
            return null;
        }

        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>
    /// <see cref="BuildAsync"/>, then the start-up validation <c>run</c> does; null (after the problems on stderr) when
    /// the configuration cannot run, and the command then exits 1.
    /// </summary>
    public static async Task<IHost?> BuildValidatedAsync(
        ConnectorInvocation invocation,
        CommandOutput output,
        Action<HostApplicationBuilder>? configure,
        CancellationToken cancellationToken)
    {
        var host = await BuildAsync(invocation, output, configure, cancellationToken);
        if (host is null)
        {
            return null;
        }

        var problems = StartupValidation.Collect(host.Services);
        if (problems.Count == 0)
        {
            return host;
        }

        host.Dispose();
        await ReportProblemsAsync(problems, output, cancellationToken);
        return null;
    }

    /// <summary>One <c>configuration problem:</c> line on stderr per problem; true when there was any.</summary>
    public static async Task<bool> ReportProblemsAsync(IEnumerable<string> problems, CommandOutput output, CancellationToken cancellationToken)
    {
        var any = false;
        foreach (var problem in problems)
        {
            await output.Error.WriteLineAsync($"configuration problem: {problem}".AsMemory(), cancellationToken);
            any = true;
        }

        return any;
    }
}
