namespace TaxiiConnector.OpenCti.Tests.Amqp;

public sealed class RabbitMqNodeFixtureTests
{
    [Fact]
    public void Locate_NotInstalled_FailsWithTheInstallCommand()
    {
        using var empty = new Platform.TempDirectory();

        var act = () => RabbitMqNodeFixture.Locate(Path.Combine(empty.Path, "none"), empty.Path);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("rabbitmq-server is not installed*apt-get install -y rabbitmq-server*");
    }

    [Fact]
    public void Locate_OnPath_FindsServerAndCtl()
    {
        using var bin = new Platform.TempDirectory();
        File.WriteAllText(Path.Combine(bin.Path, "rabbitmq-server"), string.Empty);
        File.WriteAllText(Path.Combine(bin.Path, "rabbitmqctl"), string.Empty);

        var (server, ctl) = RabbitMqNodeFixture.Locate(Path.Combine(bin.Path, "none"), "/nonexistent" + Path.PathSeparator + bin.Path);

        server.Should().Be(Path.Combine(bin.Path, "rabbitmq-server"));
        ctl.Should().Be(Path.Combine(bin.Path, "rabbitmqctl"));
    }
}
