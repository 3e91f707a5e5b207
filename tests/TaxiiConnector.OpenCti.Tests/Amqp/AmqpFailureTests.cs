using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using TaxiiConnector.OpenCti.Amqp;
using TaxiiConnector.OpenCti.Sinks;

namespace TaxiiConnector.OpenCti.Tests.Amqp;

public sealed class AmqpFailureTests
{
    [Fact]
    public void Classify_RefusedLoginBehindBrokerUnreachable_IsAccessRefused() =>
        AmqpFailure.Classify(new BrokerUnreachableException(new AuthenticationFailureException("ACCESS_REFUSED - Login was refused")))
            .Should().Be(AmqpFailureKind.AccessRefused);

    [Fact]
    public void Classify_ChannelClosedWith403_IsAccessRefused() =>
        AmqpFailure.Classify(new AlreadyClosedException(new ShutdownEventArgs(ShutdownInitiator.Peer, 403, "ACCESS_REFUSED - write access")))
            .Should().Be(AmqpFailureKind.AccessRefused);

    [Fact]
    public void Classify_ChannelClosedWith406MessageSize_IsMessageTooLarge() =>
        AmqpFailure.Classify(new AlreadyClosedException(new ShutdownEventArgs(ShutdownInitiator.Peer, 406,
                "PRECONDITION_FAILED - message size 300000 is larger than configured max size 262144")))
            .Should().Be(AmqpFailureKind.MessageTooLarge);

    [Fact]
    public void Classify_ConnectionLost_IsTransient()
    {
        AmqpFailure.Classify(new AlreadyClosedException(new ShutdownEventArgs(ShutdownInitiator.Library, 541, "Unexpected Exception")))
            .Should().Be(AmqpFailureKind.Transient);
        AmqpFailure.Classify(new BrokerUnreachableException(new IOException("connection refused"))).Should().Be(AmqpFailureKind.Transient);
        AmqpFailure.Classify(new AmqpPublishException("2 messages nacked")).Should().Be(AmqpFailureKind.Transient);
    }

    [Fact]
    public void Classify_CodeBug_IsNotAnAmqpFailure()
    {
        AmqpFailure.Classify(new InvalidOperationException("bug")).Should().Be(AmqpFailureKind.NotAmqp);
        AmqpFailure.Classify(new NullReferenceException()).Should().Be(AmqpFailureKind.NotAmqp);
    }
}
