namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>A <c>serve</c> child process and the URLs it printed.</summary>
internal sealed class TaxiiServerProcess : IAsyncDisposable
{
    private readonly BenchmarkProcess _process;

    private TaxiiServerProcess(BenchmarkProcess process, Uri discoveryUrl, Uri objectsUrl)
    {
        _process = process;
        DiscoveryUrl = discoveryUrl;
        ObjectsUrl = objectsUrl;
    }

    public Uri DiscoveryUrl { get; }

    public Uri ObjectsUrl { get; }

    /// <summary>The server process's CPU time so far: what serving cost on the cores it shares with the connector.</summary>
    public TimeSpan CpuTime => _process.CpuTime;

    /// <summary>Starts the server for <paramref name="arguments"/>' collection; null (and the process stopped) when it did not come up.</summary>
    public static async Task<TaxiiServerProcess?> StartAsync(EndToEndArguments arguments, CancellationToken cancellationToken)
    {
        var process = BenchmarkProcess.Start([ServeCommand.Name, .. arguments.ForSingleRun().Skip(1)], forwardStandardError: true);
        var objectsUrl = await process.ReadValueAsync(ServeCommand.ObjectsUrlKey, cancellationToken);
        var discoveryUrl = await process.ReadValueAsync(ServeCommand.UrlKey, cancellationToken);
        if (objectsUrl is null || discoveryUrl is null)
        {
            await process.DisposeAsync();
            return null;
        }

        return new TaxiiServerProcess(process, new Uri(discoveryUrl), new Uri(objectsUrl));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
