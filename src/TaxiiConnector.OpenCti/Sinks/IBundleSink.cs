using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.OpenCti.Sinks;

/// <summary>
/// Where bundles go: the OpenCTI API, the platform's RabbitMQ queue, or a directory (dry run).
/// <see cref="PushAsync"/> returns only once the platform or the broker acknowledged the bundle; it throws otherwise.
/// Only after it returns may the caller advance state.
/// </summary>
public interface IBundleSink
{
    /// <summary>A short name for logs and metrics (<c>api</c>, <c>amqp</c>, <c>directory</c>).</summary>
    string Name { get; }

    ValueTask PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken);
}

/// <summary>What a push belongs to: the OpenCTI work (null in a dry run) and the source collection it came from.</summary>
public sealed record PushContext(string? WorkId, string Source, string Collection);
