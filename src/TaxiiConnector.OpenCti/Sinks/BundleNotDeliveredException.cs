namespace TaxiiConnector.OpenCti.Sinks;

/// <summary>
/// A sink's word that nothing of the bundle reached the platform (or its broker) and that the sink did not retry it: the
/// pipeline may push the same bundle again after a delay without counting anything twice. Every other exception from
/// <see cref="IBundleSink.PushAsync"/> is final for the bundle.
/// </summary>
public sealed class BundleNotDeliveredException : Exception
{
    public BundleNotDeliveredException()
    {
    }

    public BundleNotDeliveredException(string message)
        : base(message)
    {
    }

    public BundleNotDeliveredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
