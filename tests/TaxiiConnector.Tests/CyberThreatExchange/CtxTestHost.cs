using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Testing.Time;
using TaxiiConnector.Sources;
using TaxiiConnector.Sources.CyberThreatExchange;
using TaxiiConnector.Sources.CyberThreatExchange.Http;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace TaxiiConnector.Tests.CyberThreatExchange;

/// <summary>
/// A WireMock server on 127.0.0.1 (free port) standing in for the CTX API, and the real DI registration of the
/// source (typed client, API key handler, resilience) on a <see cref="FakeTimeProvider"/>.
/// </summary>
internal sealed class CtxTestHost : IDisposable
{
    public const string ApiKey = "ctx-test-key-7f3a9c";
    public static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _cancellation = new();

    public CtxTestHost(Action<CyberThreatExchangeOptions>? configure = null, string basePath = "")
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        Time = new FakeTimeProvider(Now);
        Logs = new CapturingLoggerProvider();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        Clock = new TimerWatchingTimeProvider(Time);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddOptions<CyberThreatExchangeOptions>().Configure(options =>
        {
            options.BaseUrl = Server.Url + basePath;
            options.ApiKey = ApiKey;
            options.FeedIds = ["feed-1"];
            configure?.Invoke(options);
        });
        services.AddCyberThreatExchangeClientAndSource();
        _services = services.BuildServiceProvider();
    }

    public WireMockServer Server { get; }

    /// <summary>Cancelled when the test ends, so no run outlives it.</summary>
    public CancellationToken Token => _cancellation.Token;

    public FakeTimeProvider Time { get; }

    /// <summary>The clock the client runs on: <see cref="Time"/>, watched for the timers the client waits on.</summary>
    public TimerWatchingTimeProvider Clock { get; }

    public CapturingLoggerProvider Logs { get; }

    public IConnectorSource Source => _services.GetRequiredService<IConnectorSource>();

    public IReadOnlyList<ILogEntry> Requests => [.. Server.LogEntries.OrderBy(entry => entry.RequestMessage.DateTime)];

    public static string Objects(string? next, params string[] ids) =>
        JsonSerializer.Serialize(new { next, objects = ids.Select(Indicator) });

    public static object Indicator(string id) => new Dictionary<string, object>
    {
        ["type"] = "indicator",
        ["spec_version"] = "2.1",
        ["id"] = id,
        ["pattern"] = "[ipv4-addr:value = '203.0.113.7']",
        ["pattern_type"] = "stix",
    };

    public static string Subscriptions(params (string Id, string Name, string Status)[] feeds) =>
        JsonSerializer.Serialize(new
        {
            total_results_count = feeds.Length,
            page_number = 1,
            results = feeds.Select(feed => new { feed = new { id = feed.Id, name = feed.Name }, subscription = new { status = feed.Status } }),
        });

    /// <summary>The single collection of a source with only <c>feed-1</c> configured and subscribed.</summary>
    public async Task<ISourceCollection> SingleFeedAsync()
    {
        var collections = new List<ISourceCollection>();
        await foreach (var collection in Source.GetCollectionsAsync(Token))
            collections.Add(collection);
        return collections.Should().ContainSingle().Subject;
    }

    /// <summary>Reads every page, keeping ids and cursors, and disposes the pages.</summary>
    public async Task<List<(List<string> Ids, string Cursor)>> ReadAllAsync(ISourceCollection collection, string? committed)
    {
        var pages = new List<(List<string>, string)>();
        await foreach (var page in collection.ReadPagesAsync(committed, Token))
        {
            using (page)
                pages.Add((page.Objects.Select(o => o.GetProperty("id").GetString()!).ToList(), page.CursorAfter));
        }

        return pages;
    }


    public void Dispose()
    {
        // A run still waiting on the fake clock would hold the resilience pipeline (and so the provider's disposal).
        _cancellation.Cancel();
        _cancellation.Dispose();
        _services.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
