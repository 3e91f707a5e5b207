using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace TaxiiConnector.OpenCti.GraphQL;

/// <summary>
/// One warning line per retried platform request: the URL (no token: it travels in a header), the status or the
/// exception's message without its trace, and the delay. Polly's own attempt events are debug material.
/// </summary>
internal static partial class OpenCtiRetryLog
{
    public static Func<OnRetryArguments<HttpResponseMessage>, ValueTask> OnRetry(ILogger logger, int maxRetries) => args =>
    {
        var request = args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage();
        var outcome = args.Outcome.Result is { } response
            ? $"HTTP {(int)response.StatusCode}"
            : (args.Outcome.Exception?.Message ?? "unknown failure").ReplaceLineEndings(" ");
        Retrying(logger, request?.RequestUri?.GetLeftPart(UriPartial.Path) ?? "(unknown URL)", outcome, args.AttemptNumber + 1, maxRetries,
            args.RetryDelay.TotalSeconds);
        return ValueTask.CompletedTask;
    };

    [LoggerMessage(EventId = LogEventIds.OpenCtiRetrying, EventName = nameof(LogEventIds.OpenCtiRetrying), Level = LogLevel.Warning,
        Message = "OpenCTI request {Url} failed ({Outcome}); retry {Attempt} of {MaxRetries} in {DelaySeconds:0.0} s")]
    private static partial void Retrying(ILogger logger, string url, string outcome, int attempt, int maxRetries, double delaySeconds);
}
