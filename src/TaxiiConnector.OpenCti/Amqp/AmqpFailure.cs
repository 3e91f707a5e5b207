using System.Net.Sockets;
using RabbitMQ.Client.Exceptions;
using TaxiiConnector.OpenCti.Sinks;

namespace TaxiiConnector.OpenCti.Amqp;

/// <summary>What a broker failure means for a retry.</summary>
internal enum AmqpFailureKind
{
    /// <summary>Not a broker or network failure: a bug, never retried.</summary>
    NotAmqp,

    /// <summary>Connection lost, broker restarting, nack or unroutable return: worth another attempt.</summary>
    Transient,

    /// <summary>The broker refused the login or the permission (ACCESS_REFUSED, 403): the same attempt fails again.</summary>
    AccessRefused,

    /// <summary>A message above the broker's <c>max_message_size</c> (PRECONDITION_FAILED, 406): it never fits.</summary>
    MessageTooLarge,
}

/// <summary>Sorts the client library's exceptions into the kinds above (the cause may sit several inner exceptions deep).</summary>
internal static class AmqpFailure
{
    private const int AccessRefused = 403;
    private const int PreconditionFailed = 406;

    public static AmqpFailureKind Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var amqp = false;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PossibleAuthenticationFailureException:
                    return AmqpFailureKind.AccessRefused;
                case OperationInterruptedException { ShutdownReason.ReplyCode: AccessRefused }:
                    return AmqpFailureKind.AccessRefused;
                case OperationInterruptedException { ShutdownReason: { ReplyCode: PreconditionFailed } reason }
                    when reason.ReplyText.Contains("size", StringComparison.OrdinalIgnoreCase):
                    return AmqpFailureKind.MessageTooLarge;
                case AggregateException aggregate:
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        var kind = Classify(inner);
                        if (kind is AmqpFailureKind.AccessRefused or AmqpFailureKind.MessageTooLarge)
                        {
                            return kind;
                        }
                    }

                    break;
            }

            amqp |= current is RabbitMQClientException or IOException or SocketException or TimeoutException or AmqpPublishException;
        }

        return amqp ? AmqpFailureKind.Transient : AmqpFailureKind.NotAmqp;
    }
}
