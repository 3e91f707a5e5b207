using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.OpenCti.Tests.Platform;

namespace TaxiiConnector.OpenCti.Tests.State;

public sealed class OpenCtiStateStoreTests : IDisposable
{
    private readonly FakeOpenCtiPlatform _platform = new();

    [Fact]
    public async Task LoadAsync_PythonConnectorState_ExposesLegacyLastRun()
    {
        _platform.RespondData(FakeOpenCtiPlatform.Register, FakeOpenCtiPlatform.RegistrationJson("""{"last_run": 1732000000}"""), priority: 1);
        using var services = _platform.BuildServices();
        var store = services.GetRequiredService<IStateStore>();

        await store.LoadAsync(CancellationToken.None);

        store.Should().BeOfType<OpenCtiStateStore>();
        store.LegacyLastRun.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1732000000));
        store.GetCursor("taxii2|https://h/api1/|c1").Should().BeNull();
        _platform.Requests(FakeOpenCtiPlatform.Ping).Should().BeEmpty("loading reads the registration, it does not write");
    }

    [Fact]
    public async Task CommitAsync_PingsRightAwayWithCursorMapAndKeepsThePythonLastRun()
    {
        _platform.RespondData(FakeOpenCtiPlatform.Register, FakeOpenCtiPlatform.RegistrationJson("""{"last_run": 1732000000}"""), priority: 1);
        using var services = _platform.BuildServices();
        var store = services.GetRequiredService<IStateStore>();
        await store.LoadAsync(CancellationToken.None);
        _platform.RespondData(FakeOpenCtiPlatform.Ping,
            "{\"pingConnector\":{\"id\":\"x\",\"connector_state\":\"{\\\"last_run\\\":1732000000,\\\"migrated_last_run\\\":1732000000,\\\"cursors\\\":{\\\"k1\\\":\\\"2026-11-24T09:59:00.123456Z\\\"}}\"}}", priority: 1);

        await store.CommitAsync("k1", "2026-11-24T09:59:00.123456Z", CancellationToken.None);

        var sent = FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.Ping).Single()).GetProperty("state").GetString();
        sent.Should().Be("""{"last_run":1732000000,"migrated_last_run":1732000000,"cursors":{"k1":"2026-11-24T09:59:00.123456Z"}}""",
            "a commit is not a completed run: last_run stays what the Python connector wrote until one completes");
        store.LegacyLastRun.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1732000000), "collections without a cursor still start there");
        store.GetCursor("k1").Should().Be("2026-11-24T09:59:00.123456Z");
    }

    [Fact]
    public async Task CommitAsync_PlatformDown_ThrowsAfterRetries()
    {
        using var services = _platform.BuildServices(o => o.MaxRetryAttempts = 2);
        var store = services.GetRequiredService<IStateStore>();
        await store.LoadAsync(CancellationToken.None);
        _platform.Respond(FakeOpenCtiPlatform.Ping, 503, "down", priority: 1);

        var act = async () => await store.CommitAsync("k1", "c1", CancellationToken.None);

        await act.Should().ThrowAsync<Exception>();
        _platform.Requests(FakeOpenCtiPlatform.Ping).Should().HaveCount(3);
    }

    [Fact]
    public async Task MarkRunCompletedAsync_PingsTheRunStartAsLastRun()
    {
        using var services = _platform.BuildServices();
        var store = services.GetRequiredService<IStateStore>();
        await store.LoadAsync(CancellationToken.None);
        await store.CommitAsync("k1", "c1", CancellationToken.None);

        await store.MarkRunCompletedAsync(DateTimeOffset.FromUnixTimeSeconds(1795514400), CancellationToken.None);

        var sent = FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.Ping).Last()).GetProperty("state").GetString();
        sent.Should().Be("""{"last_run":1795514400,"cursors":{"k1":"c1"}}""");
    }

    public void Dispose() => _platform.Dispose();
}
