namespace TaxiiConnector.Cli;

/// <summary>The process entry, callable in-process by tests: parse the command line, run the verb, return the exit code.</summary>
public static class ConnectorApp
{
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string?> environment,
        CommandOutput output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var commands = ConnectorCommands.Create();
        if (args.Count > 0 && args[0] is "--help" or "-h" or "help")
        {
            await WriteUsageAsync(commands, output.Out, cancellationToken);
            return 0;
        }

        if (!CommandLineParser.TryParse(args, [.. commands.Select(command => command.Name)], environment, out var invocation, out var error))
        {
            await output.Error.WriteLineAsync(error.AsMemory(), cancellationToken);
            await WriteUsageAsync(commands, output.Error, cancellationToken);
            return 2;
        }

        var selected = commands.First(command => string.Equals(command.Name, invocation.Command, StringComparison.OrdinalIgnoreCase));
        return await selected.ExecuteAsync(invocation, output, cancellationToken);
    }

    private static async Task WriteUsageAsync(IReadOnlyList<IConnectorCommand> commands, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync("usage: TaxiiConnector [command] [--config PATH] [options]".AsMemory(), cancellationToken);
        foreach (var command in commands)
        {
            await writer.WriteLineAsync($"  {command.Name,-14} {command.Summary}".AsMemory(), cancellationToken);
        }

        await writer.WriteLineAsync("Settings come from config.yml (--config PATH, default ./config.yml when present) and SECTION_KEY environment variables.".AsMemory(), cancellationToken);
    }
}
