using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Taxii.DependencyInjection;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;
using TaxiiConnector.Testing.Time;
using WireMock.Server;
using WireMock.Settings;

namespace TaxiiConnector.Taxii.Tests.Infrastructure;

/// <summary>
/// A <see cref="Taxii2Client"/> built exactly as production builds it (AddTaxii2Client: handlers, resilience, auth) on a
/// <see cref="FakeTimeProvider"/>, with captured logs.
/// </summary>
public class TestClient : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly TimerWatchingTimeProvider _clock;

    public TestClient(Action<Taxii2ClientOptions>? configure = null, Action<IHttpClientBuilder>? http = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        _clock = new TimerWatchingTimeProvider(Time);
        services.AddSingleton<TimeProvider>(_clock);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        var builder = services.AddTaxii2Client(o =>
        {
            ClientDefaults.Apply(o);
            // Longer than RunAsync's real-time patience: a back-off slept on the wall clock fails the test.
            o.RetryBaseDelay = TimeSpan.FromMinutes(2);
            // RunAsync moves the fake clock only to timers within 10 hours: these timeouts never trip by accident.
            o.AttemptTimeout = TimeSpan.FromHours(20);
            o.TotalTimeout = TimeSpan.FromDays(1);
            configure?.Invoke(o);
        });
        http?.Invoke(builder);
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<Taxii2Client>();
    }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public Taxii2Client Client { get; }

    public IServiceProvider Services => _services;

    /// <summary>
    /// Awaits <paramref name="work"/>, moving the fake clock to each timer it waits on (back-off, Retry-After) and never
    /// while it does real I/O. Bounded: fails when a timer lies more than 10 fake hours out (the timeouts lie beyond), or
    /// when the work neither finishes nor waits on the clock for a minute of real time (a wait on the wall clock).
    /// </summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work) => _clock.DriveAsync(work(), TimeSpan.FromHours(10));

    /// <summary>Reads every page (keeping a snapshot of each, then disposing it) under <see cref="RunAsync{T}"/>.</summary>
    public Task<List<PageSnapshot>> ReadAllAsync(TaxiiCollection collection, TaxiiObjectsQuery query, List<PageSnapshot>? sink = null) =>
        RunAsync(async () =>
        {
            var pages = sink ?? [];
            await foreach (var page in Client.GetObjectsAsync(collection, query))
            {
                using (page)
                {
                    pages.Add(PageSnapshot.Of(page));
                }
            }

            return pages;
        });

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _services.Dispose();
        }
    }
}

/// <summary>A <see cref="TestClient"/> plus a WireMock TAXII server on 127.0.0.1.</summary>
public sealed class ClientHarness : TestClient
{
    public ClientHarness(Action<Taxii2ClientOptions>? configure = null)
        : base(configure)
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"], StartAdminInterface = false });
    }

    public WireMockServer Server { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Server.Ports[0]}/");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Server.Stop();
            Server.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>What a test keeps of a page after disposing it.</summary>
public sealed record PageSnapshot(int Number, IReadOnlyList<string> Ids, bool More, string? Next, string? DateAddedLast, string? NewestDateAdded, string? ResumeAddedAfter)
{
    public static PageSnapshot Of(TaxiiObjectPage page) =>
        new(page.Number, page.Objects.Select(o => o.GetProperty("id").GetString()!).ToList(), page.More, page.Next, page.DateAddedLast, page.NewestDateAdded, page.ResumeAddedAfter);
}
