using TaxiiConnector.Cli;
using TaxiiConnector.Observability;

namespace TaxiiConnector.Tests.Cli;

public sealed class ConnectorCommandsTests
{
    [Fact]
    public void Create_EveryCommandTypeOfTheConnector_IsListedOnce()
    {
        var commandTypes = typeof(IConnectorCommand).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IConnectorCommand).IsAssignableFrom(type));

        var listed = ConnectorCommands.Create();

        listed.Select(command => command.GetType()).Should().BeEquivalentTo(commandTypes, "a command type no verb uses is dead code");
        listed.Select(command => command.Name).Should().OnlyHaveUniqueItems()
            .And.Equal(RunCommand.CommandName, CheckConfigCommand.CommandName, DiscoverCommand.CommandName, DemoCommand.CommandName,
                HealthcheckCommand.CommandName, ServeCommand.CommandName);
    }
}
