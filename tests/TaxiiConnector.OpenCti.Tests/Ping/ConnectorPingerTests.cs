using TaxiiConnector.Testing.Time;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TaxiiConnector.OpenCti.Buffering;
using TaxiiConnector.OpenCti.Ping;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.OpenCti.Tests.Platform;

namespace TaxiiConnector.OpenCti.Tests.Ping;

public sealed class ConnectorPingerTests : IDisposable
{
    private readonly FakeOpenCtiPlatform _platform = new();

    [Fact]
    public async Task PingAsync_SendsStateAndConnectorInfo()
    {
        using var services = _platform.BuildServices();
        var runInfo = services.GetRequiredService<ConnectorRunInfo>();
        runInfo.SetRunTimes(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var store = services.GetRequiredService<IStateStore>();
        await store.LoadAsync(CancellationToken.None);
        _platform.RespondData(FakeOpenCtiPlatform.Ping, PingAnswer("""{"cursors":{"taxii2|a":"2026-11-24T09:00:00Z"}}"""), priority: 1);

        await store.CommitAsync("taxii2|a", "2026-11-24T09:00:00Z", CancellationToken.None);

        var variables = FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.Ping).Single());
        variables.GetProperty("id").GetString().Should().Be(FakeOpenCtiPlatform.ConnectorId);
        variables.GetProperty("state").GetString().Should().Be("""{"cursors":{"taxii2|a":"2026-11-24T09:00:00Z"}}""");
        var info = variables.GetProperty("connectorInfo");
        info.GetProperty("run_and_terminate").GetBoolean().Should().BeFalse();
        info.GetProperty("buffering").GetBoolean().Should().BeFalse();
        info.GetProperty("queue_threshold").GetDouble().Should().Be(500);
        info.GetProperty("queue_messages_size").GetDouble().Should().Be(0);
        info.GetProperty("last_run_datetime").GetString().Should().Be("2026-11-24T09:00:00Z");
        info.GetProperty("next_run_datetime").GetString().Should().Be("2026-11-24T10:00:00Z");
    }

    [Fact]
    public async Task PingAsync_PlatformStateReset_AdoptsItAndStartsOver()
    {
        _platform.RespondData(FakeOpenCtiPlatform.Register, FakeOpenCtiPlatform.RegistrationJson("""{"last_run":1,"cursors":{"k":"old"}}"""), priority: 1);
        using var services = _platform.BuildServices();
        var store = services.GetRequiredService<IStateStore>();
        await store.LoadAsync(CancellationToken.None);
        store.GetCursor("k").Should().Be("old");
        var pinger = services.GetRequiredService<ConnectorPinger>();
        var adopted = 0;
        pinger.StateAdopted += (_, _) => adopted++;

        // After "reset state" in the UI the platform does not store the pinged state and answers with an empty one.
        _platform.RespondData(FakeOpenCtiPlatform.Ping, "{\"pingConnector\":{\"id\":\"x\",\"connector_state\":null}}", priority: 1);
        var changed = await pinger.PingAsync(CancellationToken.None);

        changed.Should().BeTrue();
        adopted.Should().Be(1);
        store.GetCursor("k").Should().BeNull();
        store.LegacyLastRun.Should().BeNull();
        FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.Ping).Single()).GetProperty("state").GetString()
            .Should().Be("""{"last_run":1,"cursors":{"k":"old"}}""", "the ping carried the local state; the platform refused it");
    }

    [Fact]
    public async Task PingAsync_PlatformEchoesState_KeepsLocalState()
    {
        const string state = """{"last_run":1,"cursors":{"k":"old"}}""";
        _platform.RespondData(FakeOpenCtiPlatform.Register, FakeOpenCtiPlatform.RegistrationJson(state), priority: 1);
        _platform.RespondData(FakeOpenCtiPlatform.Ping, PingAnswer("""{ "cursors": {"k":"old"}, "last_run": 1 }"""), priority: 1);
        using var services = _platform.BuildServices();

        var changed = await services.GetRequiredService<ConnectorPinger>().PingAsync(CancellationToken.None);

        changed.Should().BeFalse();
        services.GetRequiredService<ConnectorStateDocument>().GetCursor("k").Should().Be("old");
    }

    [Fact]
    public async Task PingAsync_ConnectorDeletedOnPlatform_RegistersAgainAndStoresLocalState()
    {
        _platform.RespondData(FakeOpenCtiPlatform.Register, FakeOpenCtiPlatform.RegistrationJson("""{"last_run":1,"cursors":{"k":"c"}}"""), priority: 1);
        using var services = _platform.BuildServices();
        var pinger = services.GetRequiredService<ConnectorPinger>();
        await pinger.PingAsync(CancellationToken.None);
        _platform.Server.ResetLogEntries();
        _platform.FailFirstWithError(FakeOpenCtiPlatform.Ping, "No connector found with the specified ID", "NOT_FOUND");
        _platform.RespondData(FakeOpenCtiPlatform.Ping, PingAnswer("""{"last_run":1,"cursors":{"k":"c"}}"""), priority: 2);

        await pinger.PingAsync(CancellationToken.None);

        _platform.Requests(FakeOpenCtiPlatform.Register).Should().HaveCount(1, "the connector was registered again");
        var pings = _platform.Requests(FakeOpenCtiPlatform.Ping);
        pings.Should().HaveCount(2);
        FakeOpenCtiPlatform.Variables(pings[1]).GetProperty("state").GetString().Should().Contain("\"k\":\"c\"");
        services.GetRequiredService<ConnectorStateDocument>().GetCursor("k").Should().Be("c");
    }

    [Fact]
    public async Task PingAsync_AfterBufferingSkip_ReportsBufferingTrue()
    {
        _platform.RespondData(FakeOpenCtiPlatform.QueueDetails,
            """{"connector":{"id":"c","connector_queue_details":{"messages_number":12000,"messages_size":612500000}}}""", priority: 1);
        using var services = _platform.BuildServices();
        var check = services.GetRequiredService<QueueBufferingCheck>();

        (await check.ShouldSkipRunAsync(CancellationToken.None)).Should().BeTrue();
        await services.GetRequiredService<ConnectorPinger>().PingAsync(CancellationToken.None);

        var info = FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.Ping).Single()).GetProperty("connectorInfo");
        info.GetProperty("buffering").GetBoolean().Should().BeTrue();
        info.GetProperty("queue_messages_size").GetDouble().Should().BeApproximately(612.5, 0.001);
    }

    [Fact]
    public async Task ExecuteAsync_EveryPingInterval_PingsThroughTimeProvider()
    {
        var time = new DelayWatchingTimeProvider(_platform.Time, TimeSpan.FromSeconds(40));
        using var services = _platform.BuildServices(time: time);
        var hosted = services.GetServices<IHostedService>().OfType<ConnectorPinger>().Single();

        await hosted.StartAsync(CancellationToken.None);
        (await time.WaitForDelayAsync(TimeSpan.FromSeconds(60))).Should().BeTrue("the loop should have started its next wait");
        _platform.Requests(FakeOpenCtiPlatform.Ping).Should().HaveCount(1, "the first ping goes out at start");
        _platform.Time.Advance(TimeSpan.FromSeconds(39));
        _platform.Requests(FakeOpenCtiPlatform.Ping).Should().HaveCount(1, "40 s have not passed");
        _platform.Time.Advance(TimeSpan.FromSeconds(1));
        (await time.WaitForDelayAsync(TimeSpan.FromSeconds(60))).Should().BeTrue("the loop should have started its next wait");
        _platform.Requests(FakeOpenCtiPlatform.Ping).Should().HaveCount(2);
        _platform.Time.Advance(TimeSpan.FromSeconds(40));
        (await time.WaitForDelayAsync(TimeSpan.FromSeconds(60))).Should().BeTrue("the loop should have started its next wait");
        _platform.Requests(FakeOpenCtiPlatform.Ping).Should().HaveCount(3);
        await hosted.StopAsync(CancellationToken.None);

        _platform.Requests(FakeOpenCtiPlatform.Ping).Should().HaveCount(4, "stopping sends one final ping");
    }

    [Fact]
    public async Task ExecuteAsync_RunAndTerminate_NoLoopOnlyTheFinalPing()
    {
        using var services = _platform.BuildServices(o => o.RunAndTerminate = true);
        var hosted = services.GetServices<IHostedService>().OfType<ConnectorPinger>().Single();

        await hosted.StartAsync(CancellationToken.None);
        _platform.Time.Advance(TimeSpan.FromMinutes(5));
        await hosted.StopAsync(CancellationToken.None);

        _platform.Requests(FakeOpenCtiPlatform.Register).Should().HaveCount(1);
        _platform.Requests(FakeOpenCtiPlatform.Ping).Should().HaveCount(1, "run-and-terminate sends one ping before exit, as pycti's force_ping");
        var info = FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.Ping).Single()).GetProperty("connectorInfo");
        info.GetProperty("run_and_terminate").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task StartAsync_TokenRefused_FailsStartWithOneClearLine()
    {
        _platform.Respond(FakeOpenCtiPlatform.About, 401, "{}", priority: 0);
        using var services = _platform.BuildServices();
        var hosted = services.GetServices<IHostedService>().OfType<ConnectorPinger>().Single();

        var act = () => hosted.StartAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<TaxiiConnector.OpenCti.GraphQL.OpenCtiUnavailableException>()).Which.Message
            .Should().Contain("refused the token").And.NotContain(FakeOpenCtiPlatform.Token);
        _platform.Requests(FakeOpenCtiPlatform.Register).Should().BeEmpty();
    }

    private static string PingAnswer(string state) =>
        "{\"pingConnector\":{\"id\":\"" + FakeOpenCtiPlatform.ConnectorId + "\",\"connector_state\":" + JsonSerializer.Serialize(state) + ",\"connector_info\":null}}";

    public void Dispose() => _platform.Dispose();
}
