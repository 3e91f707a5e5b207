using System.Net;

namespace TaxiiConnector.Taxii.Resilience;

/// <summary>Reads <c>Retry-After</c> (delta seconds or an HTTP-date) against an injected clock.</summary>
internal static class RetryAfter
{
    /// <summary>The delay the server asked for, clamped to [0, <paramref name="max"/>]; null when there is no usable header.</summary>
    public static TimeSpan? GetDelay(HttpResponseMessage response, TimeProvider timeProvider, TimeSpan max)
    {
        var header = response.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        TimeSpan? delay = header.Delta ?? (header.Date is { } date ? date - timeProvider.GetUtcNow() : null);
        if (delay is null)
        {
            return null;
        }

        if (delay < TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return delay > max ? max : delay;
    }

    /// <summary>Statuses worth retrying: request timeout, rate limiting and server errors.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
