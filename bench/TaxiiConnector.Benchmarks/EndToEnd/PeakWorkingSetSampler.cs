using System.Diagnostics;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// Samples the resident set every 100 ms while the measured part runs: a cross-check of the kernel's high-water mark
/// (<see cref="Process.PeakWorkingSet64"/>, VmHWM on Linux), which also covers the start-up. On Linux it reads
/// <c>/proc/self/statm</c> (resident pages times the page size) into a stack buffer: <see cref="Process.Refresh"/> reads
/// and parses several files and allocates each time, CPU the measured run would otherwise be charged for.
/// </summary>
internal sealed class PeakWorkingSetSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;
    private PeakBreakdown _atPeak;

    public PeakWorkingSetSampler() => _sampling = Task.Run(SampleAsync);

    public long PeakBytes => Interlocked.Read(ref _peak);

    /// <summary>What the process held at the sampled peak (read after disposal).</summary>
    public PeakBreakdown AtPeak => _atPeak;

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            var current = ResidentSet.ReadBytes();
            if (current > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, current);
                _atPeak = PeakBreakdown.Read(current);
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
        if (_sampling.IsCompleted)
        {
            return;
        }

        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}

/// <summary>The process's resident set now, in bytes.</summary>
internal static class ResidentSet
{
    private static readonly bool s_hasStatm = File.Exists("/proc/self/statm");

    public static long ReadBytes()
    {
        if (s_hasStatm && TryReadStatm(out var bytes))
        {
            return bytes;
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary><c>/proc/self/statm</c> is "size resident shared text lib data dt" in pages; the second field is the resident set.</summary>
    internal static bool TryReadStatm(out long bytes)
    {
        bytes = 0;
        Span<byte> buffer = stackalloc byte[128];
        int read;
        try
        {
            using var handle = File.OpenHandle("/proc/self/statm", FileMode.Open, FileAccess.Read);
            read = RandomAccess.Read(handle, buffer, fileOffset: 0);
        }
        catch (IOException)
        {
            return false;
        }

        return TryParseResidentPages(buffer[..read], out var pages) && (bytes = pages * Environment.SystemPageSize) > 0;
    }

    internal static bool TryParseResidentPages(ReadOnlySpan<byte> statm, out long pages)
    {
        pages = 0;
        var space = statm.IndexOf((byte)' ');
        if (space < 0)
        {
            return false;
        }

        var rest = statm[(space + 1)..];
        var end = rest.IndexOfAny((byte)' ', (byte)'\n');
        return System.Buffers.Text.Utf8Parser.TryParse(end < 0 ? rest : rest[..end], out pages, out _);
    }
}

/// <summary>
/// The parts of one working-set sample: anonymous memory (GC heap, native heaps, JIT'd code, thread stacks) against
/// file-backed pages (mapped assemblies and native libraries), and the GC's own view of its heap at that moment.
/// </summary>
internal readonly record struct PeakBreakdown(long WorkingSetBytes, long RssAnonBytes, long RssFileBytes, long GcCommittedBytes, long GcHeapBytes, long GcInUseBytes)
{
    public static PeakBreakdown Read(long workingSet)
    {
        long anon = 0, file = 0;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    anon = Kilobytes(line);
                }
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal) || line.StartsWith("RssShmem:", StringComparison.Ordinal))
                {
                    file += Kilobytes(line);
                }
            }
        }
        catch (IOException)
        {
            // Not Linux: only the GC's figures.
        }

        var info = GC.GetGCMemoryInfo();
        return new PeakBreakdown(workingSet, anon, file, info.TotalCommittedBytes, info.HeapSizeBytes, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"at_peak: working_set_mb={WorkingSetBytes / 1048576.0:F1} rss_anon_mb={RssAnonBytes / 1048576.0:F1} rss_file_and_shmem_mb={RssFileBytes / 1048576.0:F1} gc_committed_mb={GcCommittedBytes / 1048576.0:F1} gc_heap_after_last_gc_mb={GcHeapBytes / 1048576.0:F1} gc_in_use_mb={GcInUseBytes / 1048576.0:F1}");
}

/// <summary>The kernel's high-water mark of this process's resident set (<c>VmHWM</c>).</summary>
internal static class HighWaterMark
{
    /// <summary>
    /// Restarts <c>VmHWM</c> from the current resident set (Linux: "5" written to <c>/proc/self/clear_refs</c>), so the
    /// peak read after the measured run is that run's, not the warm-up's or the broker ceiling's measurement (which
    /// publishes 100,000 messages through a client of its own in this process). False where that is not possible: the
    /// peak then covers the whole process.
    /// </summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }
}
