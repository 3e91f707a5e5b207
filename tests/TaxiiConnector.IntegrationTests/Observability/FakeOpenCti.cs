using System.Net;
using System.Net.Sockets;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace TaxiiConnector.IntegrationTests.Observability;

/// <summary>
/// Just enough of OpenCTI's GraphQL API on loopback for the host to register, ping, open works and push bundles over the
/// API, or to fail each of those on purpose.
/// </summary>
internal sealed class FakeOpenCti : IDisposable
{
    public const string ConnectorId = "2b6a4a5e-8d43-4f0c-9a8e-0c7c1a8e4b11";

    private FakeOpenCti(WireMockServer server) => Server = server;

    public WireMockServer Server { get; }

    public Uri Url => new(Server.Url!);

    /// <summary>A platform that accepts everything; its registration points the broker at <paramref name="brokerPort"/>.</summary>
    public static FakeOpenCti Working(int brokerPort = 5672)
    {
        var platform = new FakeOpenCti(Start());
        platform.Data("TaxiiConnectorAbout", """{"about":{"version":"6.9.17"}}""");
        platform.Data("__type(", """
            {"input":{"inputFields":[{"name":"id"},{"name":"name"},{"name":"type"},{"name":"scope"},{"name":"auto"},{"name":"auto_update"},
              {"name":"enrichment_resolution"},{"name":"only_contextual"},{"name":"playbook_compatible"},{"name":"listen_callback_uri"}],"fields":null},
             "config":{"inputFields":null,"fields":[{"name":"connection"},{"name":"s3"},{"name":"listen"},{"name":"listen_routing"},{"name":"listen_exchange"},
              {"name":"listen_callback_uri"},{"name":"push"},{"name":"push_routing"},{"name":"push_exchange"},{"name":"dead_letter_routing"}]}}
            """);
        platform.Data("RegisterConnector(", $$$$"""
            {"registerConnector":{"id":"{{{{ConnectorId}}}}","connector_state":null,"connector_user_id":"88ec0c6a-13ce-5e39-b486-354fe4a7084f",
             "config":{"connection":{"host":"127.0.0.1","vhost":"/","use_ssl":false,"port":{{{{brokerPort}}}},"user":"guest","pass":"guest"},
              "listen":"listen_{{{{ConnectorId}}}}","listen_routing":"listen_routing_{{{{ConnectorId}}}}","listen_exchange":"amqp.connector.exchange",
              "push":"push_{{{{ConnectorId}}}}","push_routing":"push_routing_{{{{ConnectorId}}}}","push_exchange":"amqp.worker.exchange",
              "dead_letter_routing":"listen_routing_too-large-bundle"}}}
            """);
        platform.Data("PingConnector(", $$$$"""{"pingConnector":{"id":"{{{{ConnectorId}}}}","connector_state":null}}""");
        platform.Data("workAdd(", """{"workAdd":{"id":"work-1"}}""");
        platform.Data("addExpectations(", """{"workEdit":{"addExpectations":"work-1"}}""");
        platform.Data("toProcessed(", """{"workEdit":{"toProcessed":"work-1"}}""");
        platform.Data("ConnectorQueueDetails(", $$$$"""{"connector":{"id":"{{{{ConnectorId}}}}","connector_queue_details":{"messages_number":0,"messages_size":0}}}""");
        platform.Data("StixBundlePush(", """{"stixBundlePush":true}""");
        return platform;
    }

    /// <summary>A platform that answers every request with <paramref name="status"/> (401: the token is refused).</summary>
    public static FakeOpenCti Failing(int status)
    {
        var server = Start();
        server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
                .WithBody("""{"errors":[{"message":"You must be logged in to do this.","extensions":{"code":"AUTH_REQUIRED"}}]}"""));
        return new FakeOpenCti(server);
    }

    /// <summary>Answers one operation with an HTTP status instead (higher priority than the working mapping).</summary>
    public void Fail(string operationMarker, int status) =>
        Server.Given(Request.Create().WithPath("/graphql").UsingPost().WithBody(new WildcardMatcher("*" + operationMarker + "*")))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(status).WithBody("Internal Server Error"));

    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Server.Stop();

    private static WireMockServer Start() =>
        WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{ClosedPort()}"] });

    private void Data(string operationMarker, string dataJson) =>
        Server.Given(Request.Create().WithPath("/graphql").UsingPost().WithBody(new WildcardMatcher("*" + operationMarker + "*")))
            .AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"data\":" + dataJson + "}"));
}
