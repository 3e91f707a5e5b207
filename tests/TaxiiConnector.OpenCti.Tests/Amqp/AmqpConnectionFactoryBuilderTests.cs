using System.Net.Security;
using TaxiiConnector.OpenCti.Amqp;
using TaxiiConnector.OpenCti.Registration;

namespace TaxiiConnector.OpenCti.Tests.Amqp;

public sealed class AmqpConnectionFactoryBuilderTests
{
    private static readonly PlatformQueueConfig Platform = new("rabbitmq", 5672, "/", false, "opencti", "platform-pass", "amqp.worker.exchange", "push_routing_x", "push_x");

    [Fact]
    public void Resolve_NoOverrides_UsesRegistrationConnection()
    {
        var endpoint = AmqpConnectionFactoryBuilder.Resolve(Platform, new AmqpConnectionOverrides());

        endpoint.Should().Be(new AmqpEndpoint("rabbitmq", 5672, "/", false, "opencti", "platform-pass"));
        endpoint.ToString().Should().Be("amqp://rabbitmq:5672//").And.NotContain("platform-pass");
    }

    [Fact]
    public void Resolve_MqOverrides_ReplaceRegistrationValues()
    {
        var overrides = new AmqpConnectionOverrides { Host = "mq.internal", Port = 5671, VHost = "octi", UseSsl = true, User = "u", Pass = "p" };

        var endpoint = AmqpConnectionFactoryBuilder.Resolve(Platform, overrides);

        endpoint.Should().Be(new AmqpEndpoint("mq.internal", 5671, "octi", true, "u", "p"));
    }

    [Fact]
    public void Build_TlsWithoutRejectUnauthorized_EncryptsWithoutVerifying()
    {
        var overrides = new AmqpConnectionOverrides { UseSsl = true };

        var factory = AmqpConnectionFactoryBuilder.Build(AmqpConnectionFactoryBuilder.Resolve(Platform, overrides), overrides);

        factory.Ssl.Enabled.Should().BeTrue();
        factory.Ssl.ServerName.Should().Be("rabbitmq");
        factory.Ssl.AcceptablePolicyErrors.Should().HaveFlag(SslPolicyErrors.RemoteCertificateChainErrors);
        factory.AutomaticRecoveryEnabled.Should().BeFalse("the sink reconnects itself and knows which messages were confirmed");
        factory.UserName.Should().Be("opencti");
        factory.Password.Should().Be("platform-pass");
    }

    [Fact]
    public void Build_TlsRejectUnauthorized_VerifiesCertificates()
    {
        var overrides = new AmqpConnectionOverrides { UseSsl = true, SslRejectUnauthorized = true };

        var factory = AmqpConnectionFactoryBuilder.Build(AmqpConnectionFactoryBuilder.Resolve(Platform, overrides), overrides);

        factory.Ssl.Enabled.Should().BeTrue();
        factory.Ssl.AcceptablePolicyErrors.Should().Be(SslPolicyErrors.None);
    }

    [Fact]
    public void Build_NoTls_SslDisabled()
    {
        var factory = AmqpConnectionFactoryBuilder.Build(AmqpConnectionFactoryBuilder.Resolve(Platform, new()), new());

        factory.Ssl.Enabled.Should().BeFalse();
        factory.HostName.Should().Be("rabbitmq");
        factory.Port.Should().Be(5672);
    }
}
