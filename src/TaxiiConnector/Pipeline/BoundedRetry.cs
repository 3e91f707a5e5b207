using Polly;
using Polly.Retry;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// The retry strategy the connector's own pipelines share: a doubling delay without jitter (the waits are what the
/// operator reads in the log), at most a number of attempts, and no new attempt once a total time has passed since
/// <see cref="MarkStart"/>.
/// </summary>
internal static class BoundedRetry
{
    private static readonly ResiliencePropertyKey<long> StartedKey = new("TaxiiConnector.RetryStarted");

    /// <summary>Marks when the operation started; the total time counts from here.</summary>
    public static void MarkStart(ResilienceContext context, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Properties.Set(StartedKey, timeProvider.GetTimestamp());
    }

    /// <param name="attempts">Attempts at most, the first included (at least 2).</param>
    /// <param name="isTransient">Whether a failure may pass by waiting (the context gives the caller's token).</param>
    public static RetryStrategyOptions Options(int attempts, TimeSpan delay, TimeSpan maxDelay, TimeSpan totalTime, TimeProvider timeProvider,
        Func<Exception, ResilienceContext, bool> isTransient, Func<OnRetryArguments<object>, ValueTask> onRetry) => new()
    {
        MaxRetryAttempts = attempts - 1,
        Delay = delay,
        MaxDelay = maxDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = false,
        ShouldHandle = args => ValueTask.FromResult(
            args.Outcome.Exception is { } exception
            && isTransient(exception, args.Context)
            && timeProvider.GetElapsedTime(args.Context.Properties.GetValue(StartedKey, 0)) < totalTime),
        OnRetry = onRetry,
    };
}
