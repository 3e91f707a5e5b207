using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using TaxiiConnector.Cli;
using TaxiiConnector.Observability;

namespace TaxiiConnector.Tests.Observability;

public sealed class HealthcheckCommandTests
{
    [Theory]
    [InlineData("0.0.0.0", 9095, "healthz", "http://127.0.0.1:9095/healthz")]
    [InlineData("127.0.0.1", 9100, "readyz", "http://127.0.0.1:9100/readyz")]
    [InlineData("localhost", 9095, "healthz", "http://127.0.0.1:9095/healthz")]
    [InlineData("::", 9095, "healthz", "http://[::1]:9095/healthz")]
    public void ProbeUrl_BindAddress_IsReachedLocally(string host, int port, string endpoint, string expected) =>
        HealthcheckCommand.ProbeUrl(host, port, endpoint).AbsoluteUri.Should().Be(expected);

    [Fact]
    public async Task Execute_EndpointsOff_ExitsOneSayingHow()
    {
        var (code, _, error) = await RunAsync(new Dictionary<string, string?>());

        code.Should().Be(1);
        error.Should().Contain("CONNECTOR_EXPOSE_METRICS=true");
    }

    [Fact]
    public async Task Execute_NothingListening_ExitsOne()
    {
        var (code, _, error) = await RunAsync(Settings(ClosedPort()));

        code.Should().Be(1);
        error.Should().StartWith("unhealthy:");
    }

    [Theory]
    [InlineData("", 200, 0)]
    [InlineData("--ready", 503, 1)]
    public async Task Execute_AgainstARunningEndpoint_ExitCodeFollowsTheStatus(string argument, int status, int expectedCode)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", () => Results.Json(new { status = "not ready" }, statusCode: 503));
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;

        var (code, output, error) = await RunAsync(Settings(port), argument.Length == 0 ? [] : [argument]);

        code.Should().Be(expectedCode, output + error);
        (output + error).Should().Contain(status.ToString(CultureInfo.InvariantCulture));
        await app.StopAsync();
    }

    private static Dictionary<string, string?> Settings(int port) => new()
    {
        ["CONNECTOR_EXPOSE_METRICS"] = "true",
        ["CONNECTOR_METRICS_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        ["METRICS_HOST"] = "127.0.0.1",
    };

    private static async Task<(int Code, string Out, string Error)> RunAsync(Dictionary<string, string?> environment, string[]? arguments = null)
    {
        var output = new CommandOutput(new StringWriter(CultureInfo.InvariantCulture), new StringWriter(CultureInfo.InvariantCulture));
        var code = await ConnectorApp.RunAsync(["healthcheck", .. arguments ?? []], environment, output, CancellationToken.None);
        return (code, output.Out.ToString()!, output.Error.ToString()!);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
