namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>A <c>serve</c> child process and the URLs it printed.</summary>
internal sealed class TaxiiServerProcess : IAsyncDisposable
{
    /// <summary>
    /// Between two requests the server's idle thread-pool workers spin in sched_yield on the cores the measured connector
    /// needs: 38 % of the server's perf samples under a client paced like the connector, about 27 sched_yield calls per page
    /// in an strace of an e2e run. Parked at once instead, the server took about 30 % fewer CPU samples for the same pages.
    /// </summary>
    private static readonly Dictionary<string, string> ServerEnvironment = new(StringComparer.Ordinal)
    {
        ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
    };

    private readonly BenchmarkProcess _process;

    private TaxiiServerProcess(BenchmarkProcess process, Uri discoveryUrl, Uri objectsUrl, Uri? platformUrl)
    {
        PlatformUrl = platformUrl;
        _process = process;
        DiscoveryUrl = discoveryUrl;
        ObjectsUrl = objectsUrl;
    }

    public Uri DiscoveryUrl { get; }

    public Uri ObjectsUrl { get; }

    /// <summary>The stand-in platform's URL, when it was asked for.</summary>
    public Uri? PlatformUrl { get; }

    /// <summary>The server process's CPU time so far: what serving cost on the cores it shares with the connector.</summary>
    public TimeSpan CpuTime => _process.CpuTime;

    /// <summary>Starts the server for <paramref name="arguments"/>' collection; null (and the process stopped) when it did not come up.</summary>
    public static async Task<TaxiiServerProcess?> StartAsync(EndToEndArguments arguments, CancellationToken cancellationToken, int platformBrokerPort = -1)
    {
        var process = BenchmarkProcess.Start(
            [ServeCommand.Name, .. arguments.ForSingleRun().Skip(1), "--platform-broker-port", platformBrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            forwardStandardError: true, ServerEnvironment);
        var platformUrl = platformBrokerPort >= 0 ? await process.ReadValueAsync(ServeCommand.PlatformUrlKey, cancellationToken) : null;
        var objectsUrl = await process.ReadValueAsync(ServeCommand.ObjectsUrlKey, cancellationToken);
        var discoveryUrl = await process.ReadValueAsync(ServeCommand.UrlKey, cancellationToken);
        if (objectsUrl is null || discoveryUrl is null)
        {
            await process.DisposeAsync();
            return null;
        }

        return new TaxiiServerProcess(process, new Uri(discoveryUrl), new Uri(objectsUrl), platformUrl is null ? null : new Uri(platformUrl));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
