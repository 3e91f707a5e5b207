using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace TaxiiConnector.Taxii.Resilience;

/// <summary>
/// One warning line per HTTP retry: the request (method and URL, which carry no credentials), what went wrong (the status,
/// or the exception's message without its trace) and when the next attempt is. Polly's own attempt events repeat this
/// with a stack trace, so they are shown at debug level only.
/// </summary>
public static partial class RetryLog
{
    /// <summary>An <c>OnRetry</c> callback writing that line to <paramref name="logger"/>.</summary>
    public static Func<OnRetryArguments<HttpResponseMessage>, ValueTask> OnRetry(ILogger logger, int maxRetries)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return args =>
        {
            var request = args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage();
            var outcome = args.Outcome.Result is { } response
                ? $"HTTP {(int)response.StatusCode}"
                : OneLine(args.Outcome.Exception?.Message ?? "unknown failure");
            Retrying(logger, request?.Method.Method ?? "request", request?.RequestUri?.GetLeftPart(UriPartial.Path) ?? "(unknown URL)", outcome,
                args.AttemptNumber + 1, maxRetries, args.RetryDelay.TotalSeconds);
            return ValueTask.CompletedTask;
        };
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    [LoggerMessage(EventId = LogEventIds.HttpRetrying, EventName = nameof(LogEventIds.HttpRetrying), Level = LogLevel.Warning,
        Message = "{Method} {Url} failed ({Outcome}); retry {Attempt} of {MaxRetries} in {DelaySeconds:0.0} s")]
    private static partial void Retrying(ILogger logger, string method, string url, string outcome, int attempt, int maxRetries, double delaySeconds);
}
