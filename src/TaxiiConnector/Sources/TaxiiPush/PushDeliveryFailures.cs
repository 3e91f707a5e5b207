using System.Net;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Sinks;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>Tells which failures of a push envelope's delivery may pass by waiting.</summary>
internal static class PushDeliveryFailures
{
    /// <summary>
    /// True when delivering the envelope again later may succeed: the platform or its broker unreachable or overloaded, a
    /// bundle the sink reports as not delivered, a timeout, a file the spool could not write. A refused token, a bundle the
    /// platform rejected, or the caller's own cancellation are not.
    /// </summary>
    public static bool IsTransient(Exception exception, CancellationToken callerToken) => exception switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        BundleNotDeliveredException or AmqpPublishException or OpenCtiUnavailableException => true,
        OpenCtiHttpException http => http.StatusCode is null || IsTransientStatus(http.StatusCode.Value),
        HttpRequestException http => http.StatusCode is null || IsTransientStatus(http.StatusCode.Value),
        IOException or TimeoutException or Polly.Timeout.TimeoutRejectedException => true,
        _ => false,
    };

    private static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
