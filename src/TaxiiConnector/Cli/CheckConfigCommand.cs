using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration;

namespace TaxiiConnector.Cli;

/// <summary>
/// <c>check-config [--all]</c>: validates the configuration exactly as <c>run</c> would (nothing is contacted), prints the
/// effective values with secrets masked (the sources that are off only with <c>--all</c>), then the warnings, then the
/// verdict: each problem on its own line, or "configuration is valid". Exit 0 when valid, 1 otherwise.
/// </summary>
public sealed class CheckConfigCommand : IConnectorCommand
{
    public const string CommandName = "check-config";

    public string Name => CommandName;

    /// <summary>Also lists the settings of the sources that are switched off.</summary>
    public const string AllOption = "--all";

    public string Summary => $"Validate the configuration and print it (secrets masked; {AllOption}: also the sources that are off); exit 1 when there is a problem.";

    public async Task<int> ExecuteAsync(ConnectorInvocation invocation, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(output);
        var all = invocation.Arguments.Contains(AllOption, StringComparer.Ordinal);
        invocation = invocation with { Arguments = [.. invocation.Arguments.Where(argument => argument != AllOption)] };
        if (await CommandHost.RejectArgumentsAsync(invocation, output, cancellationToken))
        {
            return 2;
        }

        // What check-config prints is the configuration itself: host log lines go nowhere unless the caller set a log writer.
        using var host = await CommandHost.BuildAsync(invocation, output with { Log = output.Log ?? TextWriter.Null }, configure: null, cancellationToken);
        if (host is null)
        {
            return 1;
        }

        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        var file = ConnectorConfiguration.ResolveFile(invocation);
        await output.Out.WriteLineAsync($"# configuration file: {file ?? "none (environment only)"}".AsMemory(), cancellationToken);
        EffectiveConfigurationWriter.Write(configuration, output.Out, all);
        var problems = StartupValidation.Collect(host.Services);
        if (problems.Count == 0)
        {
            var sources = host.Services.GetRequiredService<IOptions<ConfiguredSources>>().Value.Enabled;
            await output.Out.WriteLineAsync($"sources: {string.Join(", ", sources)}".AsMemory(), cancellationToken);
        }

        foreach (var unknown in ConfigSections.FindUnknownSettings(configuration))
        {
            await output.Out.WriteLineAsync($"warning: {unknown} is not a setting this connector knows; it is ignored".AsMemory(), cancellationToken);
        }

        foreach (var ignored in ConfigSections.FindIgnoredSourceSettings(configuration))
        {
            await output.Out.WriteLineAsync($"warning: {ignored}".AsMemory(), cancellationToken);
        }

        if (problems.Count > 0)
        {
            await output.Error.WriteLineAsync($"{problems.Count} configuration problem(s):".AsMemory(), cancellationToken);
            foreach (var problem in problems)
            {
                await output.Error.WriteLineAsync($"  {problem}".AsMemory(), cancellationToken);
            }

            return 1;
        }

        await output.Out.WriteLineAsync("configuration is valid".AsMemory(), cancellationToken);
        return 0;
    }
}
