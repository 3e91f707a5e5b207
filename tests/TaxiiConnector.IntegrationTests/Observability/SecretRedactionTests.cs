using System.Globalization;
using System.Text;
using TaxiiConnector.Cli;
using TaxiiConnector.IntegrationTests.Infrastructure;
using TaxiiConnector.Server.Hosting;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace TaxiiConnector.IntegrationTests.Observability;

/// <summary>
/// Whole runs of the real host at debug level, every authentication mode, every way of failing (401, 500, connection
/// refused, on the TAXII side and on OpenCTI's, and a broker that refuses connections): nothing the connector writes,
/// log lines, exceptions and <c>check-config</c> alike, contains a secret.
/// </summary>
public sealed class SecretRedactionTests
{
    private const string TaxiiUser = "taxii-user";
    private const string TaxiiPassword = "basic-pass-7f3a9c21";
    private const string TaxiiToken = "taxii-token-51e2b8d0";
    private const string ApiKeyValue = "apikey-value-c0ffee93";
    private const string OpenCtiToken = "opencti-token-9b1d44e2";
    private const string MqPassword = "mq-pass-4a6e0d17";
    private const string UrlPassword = "url-pass-3e9d0b55";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>Every secret, and the forms they take on the wire (Basic's base64 pair).</summary>
    private static readonly string[] Secrets =
    [
        TaxiiPassword, TaxiiToken, ApiKeyValue, OpenCtiToken, MqPassword, UrlPassword,
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TaxiiUser}:{TaxiiPassword}")),
    ];

    public static TheoryData<string, string, string> Runs => new()
    {
        // TAXII auth mode, what the TAXII server does, what OpenCTI does.
        { "basic", "401", "works" },
        { "basic", "500", "works" },
        { "basic", "refused", "works" },
        { "token", "401", "works" },
        { "token", "500", "works" },
        { "token", "refused", "works" },
        { "apikey", "401", "works" },
        { "apikey", "500", "works" },
        { "apikey", "refused", "works" },
        { "basic", "serves", "push-500" },
        { "token", "serves", "broker-refused" },
        { "apikey", "serves", "401" },
        { "basic", "serves", "500" },
        { "token", "serves", "refused" },
        { "url-userinfo", "401", "works" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Run_DebugLevelWithFailures_NoSecretInAnyOutput(string auth, string taxii, string openCti)
    {
        using var taxiiServer = TaxiiStub(taxii);
        await using var ownServer = taxii == "serves" ? await StartServingAsync() : null;
        var brokerPort = FakeOpenCti.ClosedPort();
        using var platform = openCti switch
        {
            "401" => FakeOpenCti.Failing(401),
            "500" => FakeOpenCti.Failing(500),
            _ => FakeOpenCti.Working(brokerPort),
        };
        if (openCti == "push-500")
        {
            platform.Fail("StixBundlePush(", 500);
        }

        var discovery = taxii switch
        {
            "serves" => ownServer!.DiscoveryUrl.AbsoluteUri,
            "refused" => $"http://127.0.0.1:{FakeOpenCti.ClosedPort()}/taxii2/",
            _ when auth == "url-userinfo" => taxiiServer!.Url!.Replace("http://", $"http://url-user:{UrlPassword}@", StringComparison.Ordinal) + "/taxii2/",
            _ => taxiiServer!.Url + "/taxii2/",
        };
        var openCtiUrl = openCti == "refused" ? $"http://127.0.0.1:{FakeOpenCti.ClosedPort()}" : platform.Url.AbsoluteUri;
        var environment = Environment(auth, discovery, openCtiUrl, openCti == "broker-refused" ? "amqp" : "api", brokerPort);

        var captured = new StringBuilder();
        ConcurrentLogWriter logOutput;
        await using (var host = ObservedConnectorHost.Create(environment, new ConnectorInvocation { Command = "run", Once = true }))
        {
            logOutput = host.LogOutput;
            try
            {
                var exitCode = await host.RunToEndAsync(Patience);
                exitCode.Should().Be(1, "every scenario fails somewhere");
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not Xunit.Sdk.XunitException)
            {
                // The host refusing to start (OpenCTI unreachable or the token refused) is part of the output too.
                captured.AppendLine(ex.ToString());
            }
        }

        // Read only once the host is disposed: background loops may still be logging while it runs.
        captured.Append(logOutput);

        var text = captured.ToString();
        text.Should().Contain("DBG", "the run logged at debug level");
        text.Should().MatchRegex("(?i)(401|500|refused|unauthori|failed)", "the failure was logged");
        foreach (var secret in Secrets)
        {
            text.Should().NotContain(secret);
        }
    }

    [Fact]
    public async Task CheckConfig_EverySecretSet_PrintsNone()
    {
        var environment = Environment("basic", "https://taxii.example.com/taxii2/", "http://opencti.example.com", "api", 5672);
        environment["TAXII2_TOKEN"] = TaxiiToken;
        environment["TAXII2_APIKEY_VALUE"] = ApiKeyValue;
        environment["TAXII2_APIKEY_KEY"] = "X-Api-Key";
        var output = new CommandOutput(new StringWriter(CultureInfo.InvariantCulture), new StringWriter(CultureInfo.InvariantCulture))
        {
            Log = new ConcurrentLogWriter(),
        };

        await ConnectorApp.RunAsync(["check-config"], environment, output, CancellationToken.None);

        var text = $"{output.Out}\n{output.Error}\n{output.Log}";
        text.Should().Contain("TAXII2_PASSWORD").And.Contain("OPENCTI_TOKEN");
        foreach (var secret in Secrets)
        {
            text.Should().NotContain(secret);
        }
    }

    private static Dictionary<string, string?> Environment(string auth, string discovery, string openCtiUrl, string protocol, int brokerPort)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["OPENCTI_URL"] = openCtiUrl,
            ["OPENCTI_TOKEN"] = OpenCtiToken,
            ["CONNECTOR_ID"] = FakeOpenCti.ConnectorId,
            ["CONNECTOR_LOG_LEVEL"] = "debug",
            ["CONNECTOR_QUEUE_PROTOCOL"] = protocol,
            ["MQ_HOST"] = "127.0.0.1",
            ["MQ_PORT"] = brokerPort.ToString(CultureInfo.InvariantCulture),
            ["MQ_USER"] = "guest",
            ["MQ_PASS"] = MqPassword,
            ["TAXII2_DISCOVERY_URL"] = discovery,
            ["TAXII2_INITIAL_HISTORY"] = "87600",
            ["TAXII2_MAX_RETRIES"] = "2",
        };
        switch (auth)
        {
            case "basic":
                environment["TAXII2_USERNAME"] = TaxiiUser;
                environment["TAXII2_PASSWORD"] = TaxiiPassword;
                break;
            case "url-userinfo":
                // Credentials written into the discovery URL itself: they must not travel into any message either.
                break;
            case "token":
                environment["TAXII2_USE_TOKEN"] = "true";
                environment["TAXII2_TOKEN"] = TaxiiToken;
                break;
            default:
                environment["TAXII2_USE_APIKEY"] = "true";
                environment["TAXII2_APIKEY_KEY"] = "X-Api-Key";
                environment["TAXII2_APIKEY_VALUE"] = ApiKeyValue;
                break;
        }

        return environment;
    }

    private static WireMockServer? TaxiiStub(string behaviour)
    {
        if (behaviour is not ("401" or "500"))
        {
            return null;
        }

        var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FakeOpenCti.ClosedPort()}"] });
        server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(int.Parse(behaviour, CultureInfo.InvariantCulture))
                .WithHeader("Content-Type", "application/taxii+json;version=2.1")
                .WithBody("""{"title":"Request refused","description":"The credentials were not accepted."}"""));
        return server;
    }

    private static Task<TaxiiServerHost> StartServingAsync() =>
        TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = new TestCollection(25).CreateStore(), DefaultPageSize = 10 });
}
