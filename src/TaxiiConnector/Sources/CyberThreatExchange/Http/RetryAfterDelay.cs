using System.Net.Http.Headers;

namespace TaxiiConnector.Sources.CyberThreatExchange.Http;

/// <summary>
/// Reads <c>Retry-After</c> (seconds or HTTP-date) against the injected clock. The stock helper of
/// Microsoft.Extensions.Http.Resilience compares HTTP-dates with the system clock, which a test's fake clock cannot
/// drive; and a server asking for hours is capped so one run never stalls longer than <see cref="Cap"/> per retry.
/// </summary>
internal static class RetryAfterDelay
{
    public static readonly TimeSpan Cap = TimeSpan.FromMinutes(5);

    public static TimeSpan? From(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        if (response?.Headers.RetryAfter is not RetryConditionHeaderValue retryAfter)
            return null;

        TimeSpan delay;
        if (retryAfter.Delta is { } delta)
            delay = delta;
        else if (retryAfter.Date is { } date)
            delay = date - timeProvider.GetUtcNow();
        else
            return null;

        if (delay < TimeSpan.Zero)
            return TimeSpan.Zero;
        return delay > Cap ? Cap : delay;
    }
}
