using System.Net;
using System.Net.Sockets;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace TaxiiConnector.Taxii.Tests.Taxii1;

/// <summary>A WireMock TAXII 1.1 server on 127.0.0.1 that answers POSTs by the request's message type.</summary>
internal sealed class Taxii1TestServer : IDisposable
{
    private readonly WireMockServer _server;

    public Taxii1TestServer()
    {
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });
    }

    public Uri Url(string path) => new(new Uri(_server.Url!), path);

    public IReadOnlyList<ILogEntry> Requests => _server.LogEntries.ToList();

    public IReadOnlyList<string> RequestBodies => Requests.Select(e => e.RequestMessage.Body ?? string.Empty).ToList();

    /// <summary>Answers a request whose body contains <paramref name="bodyContains"/> with a TAXII 1.1 XML message.</summary>
    public void Answer(string path, string bodyContains, string responseXml, int status = 200, string? scenario = null, string? whenState = null, string? nextState = null)
    {
        var request = Request.Create().WithPath(path).UsingPost().WithBody((string? body) => body is not null && body.Contains(bodyContains, StringComparison.Ordinal));
        var builder = _server.Given(request);
        if (scenario is not null)
        {
            builder = builder.InScenario(scenario);
            if (whenState is not null)
            {
                builder = builder.WhenStateIs(whenState);
            }

            if (nextState is not null)
            {
                builder = builder.WillSetStateTo(nextState);
            }
        }

        builder.RespondWith(Response.Create()
            .WithStatusCode(status)
            .WithHeader("Content-Type", "application/xml")
            .WithHeader("X-TAXII-Content-Type", "urn:taxii.mitre.org:message:xml:1.1")
            .WithHeader("X-TAXII-Protocol", "urn:taxii.mitre.org:protocol:http:1.0")
            .WithHeader("X-TAXII-Services", "urn:taxii.mitre.org:services:1.1")
            .WithBody(responseXml));
    }

    /// <summary>Answers with a raw body and only the headers given (e.g. a proxy's HTML error page, or an empty body).</summary>
    public void AnswerRaw(string path, string bodyContains, string body, int status, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status).WithBody(body);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        _server.Given(Request.Create().WithPath(path).UsingPost().WithBody((string? b) => b is not null && b.Contains(bodyContains, StringComparison.Ordinal)))
            .RespondWith(response);
    }

    public void Dispose() => _server.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
