namespace TaxiiConnector.Cli;

/// <summary>
/// Parses <c>[verb] [--config PATH] [--once] [--dry-run] [--full-resync] [--output DIR] [command arguments]</c>. The verb defaults to
/// <c>run</c>; unrecognised arguments are left for the command.
/// </summary>
public static class CommandLineParser
{
    public static bool TryParse(
        IReadOnlyList<string> args,
        IReadOnlyCollection<string> verbs,
        IReadOnlyDictionary<string, string?> environment,
        out ConnectorInvocation invocation,
        out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(verbs);
        invocation = new ConnectorInvocation { Environment = environment };
        error = null;

        var command = ConnectorCommands.DefaultCommand;
        var start = 0;
        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            if (!verbs.Contains(args[0], StringComparer.OrdinalIgnoreCase))
            {
                error = $"Unknown command '{args[0]}'.";
                return false;
            }

            command = args[0].ToLowerInvariant();
            start = 1;
        }

        string? configPath = null;
        string? output = null;
        bool once = false, dryRun = false, fullResync = false;
        var rest = new List<string>();
        for (var index = start; index < args.Count; index++)
        {
            var arg = args[index];
            switch (arg)
            {
                case "--once":
                    once = true;
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--full-resync":
                    fullResync = true;
                    break;
                case "--config" or "-c" or "--output" or "-o":
                    if (index + 1 >= args.Count || args[index + 1].StartsWith('-'))
                    {
                        error = $"{arg} needs a value.";
                        return false;
                    }

                    if (arg is "--config" or "-c")
                    {
                        configPath = args[++index];
                    }
                    else
                    {
                        output = args[++index];
                    }

                    break;
                default:
                    rest.Add(arg);
                    break;
            }
        }

        if ((once || dryRun || fullResync) && command != RunCommand.CommandName)
        {
            error = $"{(once ? "--once" : dryRun ? "--dry-run" : "--full-resync")} applies to the run command only.";
            return false;
        }

        invocation = invocation with
        {
            Command = command,
            Once = once,
            DryRun = dryRun,
            FullResync = fullResync,
            ConfigPath = configPath,
            OutputDirectory = output,
            Arguments = rest,
        };
        return true;
    }
}
