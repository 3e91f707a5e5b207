namespace TaxiiConnector.OpenCti.Registration;

/// <summary>What <c>registerConnector</c> returned and the connector keeps for its lifetime.</summary>
public sealed record ConnectorRegistration(
    string ConnectorId,
    string? ApplicantId,
    string? ConnectorState,
    PlatformQueueConfig? Queue,
    string PlatformVersion);

/// <summary>
/// The connector's RabbitMQ settings from registration (<c>config</c>): the broker connection and the push routing.
/// Never log <see cref="Pass"/>.
/// </summary>
public sealed record PlatformQueueConfig(
    string Host,
    int Port,
    string VHost,
    bool UseSsl,
    string User,
    string Pass,
    string PushExchange,
    string PushRouting,
    string PushQueue)
{
    /// <summary>Printable form (no credentials).</summary>
    public override string ToString() => $"amqp{(UseSsl ? "s" : string.Empty)}://{Host}:{Port}/{VHost} exchange={PushExchange} routing={PushRouting}";
}
