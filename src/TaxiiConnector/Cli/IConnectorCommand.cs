namespace TaxiiConnector.Cli;

/// <summary>
/// A command-line verb (<c>run</c>, <c>check-config</c>, <c>discover</c>, <c>demo</c>). Listed in
/// <see cref="ConnectorCommands.Create"/>; the shared options (<c>--config</c>, <c>--once</c>, <c>--dry-run</c>,
/// <c>--output</c>) are already parsed into the invocation, the rest is in <see cref="ConnectorInvocation.Arguments"/>.
/// </summary>
public interface IConnectorCommand
{
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Summary { get; }

    /// <summary>Runs the command; the result is the process exit code (0 success, 1 failure, 2 usage).</summary>
    Task<int> ExecuteAsync(ConnectorInvocation invocation, CommandOutput output, CancellationToken cancellationToken);
}

/// <summary>Where a command writes: the console in production, string writers in tests.</summary>
public sealed record CommandOutput(TextWriter Out, TextWriter Error)
{
    public static CommandOutput Console { get; } = new(System.Console.Out, System.Console.Error) { IsTerminal = !System.Console.IsOutputRedirected };

    /// <summary><see cref="Out"/> is a terminal (a person reads it): <c>run --once</c> ends with a table of the run.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Logs go here when set (tests); null means the console.</summary>
    public TextWriter? Log { get; init; }
}
