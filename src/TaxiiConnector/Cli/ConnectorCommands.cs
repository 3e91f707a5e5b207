namespace TaxiiConnector.Cli;

/// <summary>The verbs the connector knows. A new verb is one line here (an <see cref="IConnectorCommand"/>).</summary>
public static class ConnectorCommands
{
    public const string DefaultCommand = RunCommand.CommandName;

    // Each line stands apart so that verbs added on different branches merge without conflicts.
    public static IReadOnlyList<IConnectorCommand> Create() =>
    [
        new RunCommand(),

        new CheckConfigCommand(),

        new DiscoverCommand(),

        new DemoCommand(),

        new Observability.HealthcheckCommand(),

        new ServeCommand(),
    ];
}
