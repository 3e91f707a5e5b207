namespace TaxiiConnector.Testing;

/// <summary>
/// The one polling helper of the test projects: waits, in real time, for something another task will do. Never a timing
/// assertion, and never a way to let time pass: a test that fakes the clock advances the fake clock instead, and makes
/// its delays long enough (minutes) that code waiting on the wall clock could not finish within the patience here.
/// </summary>
public static class Eventually
{
    /// <summary>Generous, because CI machines are slow and shared.</summary>
    public static TimeSpan DefaultPatience { get; } = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Polls until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="patience"/>.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what = "the condition holds", TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return HoldsAsync(() => Task.FromResult(condition()), what, patience);
    }

    /// <summary>Polls until the asynchronous <paramref name="condition"/> holds.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what = "the condition holds", TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = TimeProvider.System.GetTimestamp() + (long)((patience ?? DefaultPatience).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!await condition().ConfigureAwait(false))
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }
}
