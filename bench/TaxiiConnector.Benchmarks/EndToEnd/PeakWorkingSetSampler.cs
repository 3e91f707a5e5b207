using System.Diagnostics;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// Samples <see cref="Process.WorkingSet64"/> every 20 ms while the measured part runs: a cross-check of the kernel's
/// high-water mark (<see cref="Process.PeakWorkingSet64"/>, VmHWM on Linux), which also covers the start-up.
/// </summary>
internal sealed class PeakWorkingSetSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public PeakWorkingSetSampler() => _sampling = Task.Run(SampleAsync);

    public long PeakBytes => Interlocked.Read(ref _peak);

    private async Task SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        do
        {
            process.Refresh();
            var current = process.WorkingSet64;
            if (current > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, current);
            }
        }
        while (await SafeTickAsync(timer));
    }

    private async Task<bool> SafeTickAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
