using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace TaxiiConnector.Taxii.Tests.Auth;

public sealed class AuthFailureTests
{
    private const string Password = "pw-Secret-7731";
    private const string Token = "tok-Secret-9913";
    private const string ApiKey = "key-Secret-4402";

    private static ClientHarness Rejecting(Action<Taxii2ClientOptions> configure)
    {
        var harness = new ClientHarness(configure);
        harness.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "text/html").WithHeader("WWW-Authenticate", "Basic realm=\"taxii\"")
                .WithBody("Unauthorized Access"));
        return harness;
    }

    [Theory]
    [InlineData("Bearer", "Token")]
    [InlineData("Token", "Bearer")]
    public async Task DiscoverAsync_TokenRejectedWith401_LogsAHintNamingTheOtherScheme(string scheme, string other)
    {
        using var harness = Rejecting(o => (o.UseToken, o.Token, o.TokenScheme) = (true, Token, scheme));

        var act = () => harness.RunAsync(() => harness.Client.DiscoverAsync(new Uri(harness.BaseUrl, "taxii2/")));

        (await act.Should().ThrowAsync<TaxiiRequestException>()).Which.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        harness.Logs.Lines.Should().ContainSingle(l => l.Text.Contains($"expect the '{other}' scheme", StringComparison.Ordinal)
            && l.Text.Contains($"token_scheme (TAXII2_TOKEN_SCHEME) to {other}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryAuthMode_FailingRequestsAtTraceLevel_NeverLogOrThrowTheSecret()
    {
        Action<Taxii2ClientOptions>[] modes =
        [
            o => (o.Username, o.Password) = ("analyst", Password),
            o => (o.UseToken, o.Token) = (true, Token),
            o => (o.UseToken, o.Token, o.TokenScheme) = (true, Token, "Token"),
            o => (o.UseApiKey, o.ApiKeyHeader, o.ApiKeyValue) = (true, "X-Api-Key", ApiKey),
        ];
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("analyst:" + Password));

        foreach (var mode in modes)
        {
            using var harness = Rejecting(mode);
            var error = await Record.ExceptionAsync(() => harness.RunAsync(() => harness.Client.DiscoverAsync(new Uri(harness.BaseUrl, "taxii2/"))));

            error.Should().BeOfType<TaxiiRequestException>();
            var everything = harness.Logs.AllText + "\n" + error;
            everything.Should().NotContain(Password).And.NotContain(Token).And.NotContain(ApiKey).And.NotContain(basic);
            harness.Server.LogEntries.Should().ContainSingle("401 is not retried");
        }
    }
}
