using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Taxii.DependencyInjection;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;
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

    public TestClient(Action<Taxii2ClientOptions>? configure = null, Action<IHttpClientBuilder>? http = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        var builder = services.AddTaxii2Client(o =>
        {
            ClientDefaults.Apply(o);
            o.RetryBaseDelay = TimeSpan.FromSeconds(1);
            // RunAsync moves the fake clock while real I/O runs; timeouts far beyond its 10-hour bound never trip by accident.
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
    /// Awaits <paramref name="work"/> while moving the fake clock one second at a time, so back-off and Retry-After
    /// delays elapse in fake time only. Bounded: fails after 10 fake hours.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        var task = work();
        for (var steps = 0; !task.IsCompleted; steps++)
        {
            if (steps > 36_000)
            {
                throw new TimeoutException("The operation did not finish within 10 fake hours.");
            }

            await Task.WhenAny(task, Task.Delay(5));
            if (!task.IsCompleted)
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return await task;
    }

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
