namespace TaxiiConnector.Cli;

/// <summary>A verb whose name is taken but whose implementation is not part of this build: says so and exits 1.</summary>
public sealed class ReservedCommand : IConnectorCommand
{
    public static ReservedCommand Discover { get; } = new("discover", "Print the TAXII server's API roots and collections (ids, titles, can_read).");

    public static ReservedCommand Demo { get; } = new("demo", "Run once against the built-in TAXII 2.1 server with sample data, into ./demo-output.");

    private ReservedCommand(string name, string summary)
    {
        Name = name;
        Summary = summary;
    }

    public string Name { get; }

    public string Summary { get; }

    public async Task<int> ExecuteAsync(ConnectorInvocation invocation, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.Error.WriteLineAsync($"'{Name}' is not available in this build.".AsMemory(), cancellationToken);
        return 1;
    }
}
