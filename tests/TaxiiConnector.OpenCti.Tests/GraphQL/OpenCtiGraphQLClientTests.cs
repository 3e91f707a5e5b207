using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Registration;
using TaxiiConnector.OpenCti.Tests.Platform;

namespace TaxiiConnector.OpenCti.Tests.GraphQL;

public sealed class OpenCtiGraphQLClientTests : IDisposable
{
    private readonly FakeOpenCtiPlatform _platform = new();

    [Fact]
    public async Task GetPlatformVersionAsync_SendsBearerTokenUserAgentAndCustomHeaders()
    {
        using var services = _platform.BuildServices(o => o.CustomHeaders = "X-Tenant: acme ; X-Trace:a:b");
        var client = services.GetRequiredService<OpenCtiGraphQLClient>();

        var version = await client.GetPlatformVersionAsync(CancellationToken.None);

        version.Should().Be("6.9.17");
        var request = _platform.Requests(FakeOpenCtiPlatform.About).Single().RequestMessage;
        request.Path.Should().Be("/graphql");
        request.Headers!["Authorization"].Should().Equal($"Bearer {FakeOpenCtiPlatform.Token}");
        string.Join(" ", request.Headers["User-Agent"]).Should().StartWith("TaxiiConnector/");
        request.Headers["X-Tenant"].Should().Equal("acme");
        request.Headers["X-Trace"].Should().Equal("a:b");
        request.Headers["Content-Type"].Single().Should().StartWith("application/json");
    }

    [Fact]
    public async Task ExecuteAsync_GraphQLErrors_ThrowsTypedExceptionWithPlatformMessage()
    {
        _platform.RespondError(FakeOpenCtiPlatform.WorkAdd, "Connector not found for work", "NOT_FOUND");
        using var services = _platform.BuildServices();
        var client = services.GetRequiredService<OpenCtiGraphQLClient>();

        var act = () => client.ExecuteAsync(TaxiiConnector.OpenCti.Works.OpenCtiWorkTracker.BuildWorkAdd("c", "n"), CancellationToken.None);

        var thrown = (await act.Should().ThrowAsync<OpenCtiGraphQLException>()).Which;
        thrown.PlatformMessage.Should().Be("Connector not found for work");
        thrown.Code.Should().Be("NOT_FOUND");
        thrown.Message.Should().Contain("Connector not found for work");
    }

    [Fact]
    public async Task ExecuteAsync_TransientFailuresThenSuccess_Retries()
    {
        _platform.FailFirst(FakeOpenCtiPlatform.About, failures: 2);
        using var services = _platform.BuildServices(o => o.MaxRetryAttempts = 3);
        var client = services.GetRequiredService<OpenCtiGraphQLClient>();

        var version = await client.GetPlatformVersionAsync(CancellationToken.None);

        version.Should().Be("6.9.17");
        _platform.Requests(FakeOpenCtiPlatform.About).Should().HaveCount(3);
    }

    [Fact]
    public async Task CheckPlatformAsync_Http401_OneClearLineWithoutTheToken()
    {
        _platform.Respond(FakeOpenCtiPlatform.About, 401, """{"message":"unauthorized"}""");
        using var services = _platform.BuildServices();
        var registrar = services.GetRequiredService<ConnectorRegistrar>();

        var act = () => registrar.CheckPlatformAsync(CancellationToken.None);

        var thrown = (await act.Should().ThrowAsync<OpenCtiUnavailableException>()).Which;
        thrown.Message.Should().Contain("refused the token").And.Contain("OPENCTI_TOKEN").And.NotContain(FakeOpenCtiPlatform.Token);
        thrown.Message.Should().NotContain("\n");
        _platform.Requests(FakeOpenCtiPlatform.About).Should().HaveCount(1, "401 is not transient");
    }

    [Fact]
    public async Task CheckPlatformAsync_AuthRequiredGraphQLError_ReportsRefusedToken()
    {
        _platform.RespondError(FakeOpenCtiPlatform.About, "You must be logged in to do this.", "AUTH_REQUIRED");
        using var services = _platform.BuildServices();

        var act = () => services.GetRequiredService<ConnectorRegistrar>().CheckPlatformAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<OpenCtiUnavailableException>()).Which.Message.Should().Contain("refused the token");
    }

    [Fact]
    public async Task CheckPlatformAsync_NothingListening_ReportsNotReachable()
    {
        using var services = _platform.BuildServices(o => o.Url = new Uri($"http://127.0.0.1:{FakeOpenCtiPlatform.FreePort()}/"));

        var act = () => services.GetRequiredService<ConnectorRegistrar>().CheckPlatformAsync(CancellationToken.None);

        var thrown = (await act.Should().ThrowAsync<OpenCtiUnavailableException>()).Which;
        thrown.Message.Should().StartWith("OpenCTI API is not reachable at http://127.0.0.1:");
    }

    [Fact]
    public async Task CheckPlatformAsync_Http500Persisting_RetriesThenReportsNotReachable()
    {
        _platform.Respond(FakeOpenCtiPlatform.About, 500, "boom");
        using var services = _platform.BuildServices(o => o.MaxRetryAttempts = 2);

        var act = () => services.GetRequiredService<ConnectorRegistrar>().CheckPlatformAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<OpenCtiUnavailableException>()).Which.Message.Should().Contain("HTTP 500");
        _platform.Requests(FakeOpenCtiPlatform.About).Should().HaveCount(3);
    }

    public void Dispose() => _platform.Dispose();
}
