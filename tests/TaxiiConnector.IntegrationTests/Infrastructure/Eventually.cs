namespace TaxiiConnector.IntegrationTests.Infrastructure;

internal static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; generous, because CI machines are slow and shared.</summary>
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            try
            {
                await Task.Delay(20, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }
        }
    }
}
