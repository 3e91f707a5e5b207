using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.OpenCti.Registration;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.OpenCti.Tests.Platform;

namespace TaxiiConnector.OpenCti.Tests.Registration;

public sealed class ConnectorRegistrarTests : IDisposable
{
    private readonly FakeOpenCtiPlatform _platform = new();

    [Fact]
    public async Task RegisterAsync_Platform69_SendsExactInputAndKeepsUserConfigAndState()
    {
        _platform.RespondData(FakeOpenCtiPlatform.Register, FakeOpenCtiPlatform.RegistrationJson("""{"last_run":1700000000}"""), priority: 1);
        using var services = _platform.BuildServices(o => o.ConnectorScope.Add("ipv4-addr"));
        var session = services.GetRequiredService<ConnectorSession>();

        var registration = await session.EnsureRegisteredAsync(CancellationToken.None);

        var input = FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.Register).Single()).GetProperty("input");
        input.EnumerateObject().Select(p => p.Name).Should().Equal(
            "id", "name", "type", "scope", "auto", "auto_update", "enrichment_resolution", "only_contextual", "playbook_compatible", "listen_callback_uri");
        input.GetProperty("id").GetString().Should().Be(FakeOpenCtiPlatform.ConnectorId);
        input.GetProperty("name").GetString().Should().Be("TAXII2");
        input.GetProperty("type").GetString().Should().Be("EXTERNAL_IMPORT");
        input.GetProperty("scope").EnumerateArray().Select(e => e.GetString()).Should().Equal("indicator", "ipv4-addr");
        input.GetProperty("auto").GetBoolean().Should().BeFalse();
        input.GetProperty("enrichment_resolution").GetString().Should().Be("none");
        input.GetProperty("listen_callback_uri").ValueKind.Should().Be(JsonValueKind.Null);

        registration.ApplicantId.Should().Be(FakeOpenCtiPlatform.ApplicantId);
        registration.PlatformVersion.Should().Be("6.9.17");
        registration.Queue!.PushExchange.Should().Be("amqp.worker.exchange");
        registration.Queue.PushRouting.Should().Be("push_routing_" + FakeOpenCtiPlatform.ConnectorId);
        registration.Queue.Host.Should().Be("rabbitmq");
        registration.Queue.ToString().Should().NotContain("guest");
        services.GetRequiredService<ConnectorStateDocument>().LegacyLastRun.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1700000000));
    }

    [Fact]
    public async Task RegisterAsync_Platform7_AddsVersionAndSlug()
    {
        using var platform7 = new FakeOpenCtiPlatform("7.260817.0");
        using var services = platform7.BuildServices(o => o.Version = "1.2.3");

        await services.GetRequiredService<ConnectorSession>().EnsureRegisteredAsync(CancellationToken.None);

        var input = FakeOpenCtiPlatform.Variables(platform7.Requests(FakeOpenCtiPlatform.Register).Single()).GetProperty("input");
        input.GetProperty("version").GetString().Should().Be("1.2.3");
        input.GetProperty("slug").GetString().Should().Be("taxii2");
    }

    [Fact]
    public async Task EnsureRegisteredAsync_CalledTwice_RegistersOnce()
    {
        using var services = _platform.BuildServices();
        var session = services.GetRequiredService<ConnectorSession>();

        await session.EnsureRegisteredAsync(CancellationToken.None);
        await session.EnsureRegisteredAsync(CancellationToken.None);

        _platform.Requests(FakeOpenCtiPlatform.Register).Should().HaveCount(1);
        _platform.Requests(FakeOpenCtiPlatform.About).Should().HaveCount(1);
    }

    [Theory]
    [InlineData("6.9.17", 6)]
    [InlineData("7.260817.0", 7)]
    [InlineData("garbage", 0)]
    public void PlatformMajor_ParsesLeadingNumber(string version, int expected) =>
        ConnectorRegistrar.PlatformMajor(version).Should().Be(expected);

    public void Dispose() => _platform.Dispose();
}
