using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.OpenCti.Tests.Schema;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace TaxiiConnector.OpenCti.Tests.Platform;

/// <summary>
/// A WireMock OpenCTI on 127.0.0.1 answering <c>POST /graphql</c> by operation, plus the service provider the connector
/// would build against it. Like a real platform it validates every document against its schema (a
/// <see cref="OpenCtiSchemaVariant"/>, 6.9 by default) and answers 400 with the validation errors when it does not
/// validate (listed in <see cref="ValidationFailures"/>); it answers <c>__type</c> introspection from that schema.
/// </summary>
public sealed class FakeOpenCtiPlatform : IDisposable
{
    public const string Token = "secret-token-5d1f0c9e";
    public const string ConnectorId = "2b6a4a5e-8d43-4f0c-9a8e-0c7c1a8e4b11";
    public const string ApplicantId = "88ec0c6a-13ce-5e39-b486-354fe4a7084f";

    public const string About = "TaxiiConnectorAbout";
    public const string Register = "RegisterConnector(";
    public const string Ping = "PingConnector(";
    public const string QueueDetails = "ConnectorQueueDetails(";
    public const string WorkAdd = "workAdd(";
    public const string AddExpectations = "addExpectations(";
    public const string ToProcessed = "toProcessed(";
    public const string BundlePush = "StixBundlePush(";
    public const string Introspection = "__type(";

    private readonly ConcurrentQueue<string> _validationFailures = new();

    public FakeOpenCtiPlatform(string platformVersion = "6.9.17", OpenCtiSchemaVariant? schema = null)
    {
        Schema = schema ?? OpenCtiSchemaVariant.Original;
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });
        Server.Given(Request.Create().WithPath("/graphql").UsingPost().WithBody((Func<string?, bool>)(body => body is not null && ValidationErrors(body) is not null)))
            .AtPriority(-1000)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json").WithBody(request =>
                $$$$"""{"errors":[{"message":{{{{JsonSerializer.Serialize(ValidationErrors(request.Body!))}}}},"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}"""));
        Server.Given(Request.Create().WithPath("/graphql").UsingPost().WithBody(new WildcardMatcher("*" + Introspection + "*")))
            .AtPriority(10)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(async request =>
            {
                using var body = JsonDocument.Parse(request.Body!);
                return "{\"data\":" + await Schema.ExecuteIntrospectionAsync(body.RootElement.GetProperty("query").GetString()!) + "}";
            }));
        RespondData(About, $$$$"""{"about":{"version":"{{{{platformVersion}}}}"}}""");
        RespondData(Register, RegistrationJson(state: null));
        EchoPingState();
        RespondData(WorkAdd, """{"workAdd":{"id":"work-1"}}""");
        RespondData(AddExpectations, """{"workEdit":{"addExpectations":"work-1"}}""");
        RespondData(ToProcessed, """{"workEdit":{"toProcessed":"work-1"}}""");
        RespondData(QueueDetails, $$$$"""{"connector":{"id":"{{{{ConnectorId}}}}","connector_queue_details":{"messages_number":0,"messages_size":0}}}""");
        RespondData(BundlePush, """{"stixBundlePush":true}""");
    }

    public WireMockServer Server { get; }

    /// <summary>The schema this platform validates against and introspects.</summary>
    public OpenCtiSchemaVariant Schema { get; }

    /// <summary>Every request that did not validate: the query, then the errors.</summary>
    public IReadOnlyCollection<string> ValidationFailures => _validationFailures;

    public Uri Url => new(Server.Url!);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    public static string RegistrationJson(string? state, string pushRouting = "push_routing_" + ConnectorId, string host = "rabbitmq", int port = 5672) =>
        $$$$"""
        {"registerConnector":{"id":"{{{{ConnectorId}}}}","connector_state":{{{{(state is null ? "null" : JsonSerializer.Serialize(state))}}}},
         "connector_user_id":"{{{{ApplicantId}}}}",
         "config":{"connection":{"host":"{{{{host}}}}","vhost":"/","use_ssl":false,"port":{{{{port}}}},"user":"guest","pass":"guest"},
          "listen":"listen_{{{{ConnectorId}}}}","listen_routing":"listen_routing_{{{{ConnectorId}}}}","listen_exchange":"amqp.connector.exchange",
          "push":"push_{{{{ConnectorId}}}}","push_routing":"{{{{pushRouting}}}}","push_exchange":"amqp.worker.exchange",
          "dead_letter_routing":"listen_routing_too-large-bundle"}}}
        """;

    /// <summary>What the platform does on a ping without a pending reset: it stores the state it was sent and returns it.</summary>
    public void EchoPingState(int priority = 10) =>
        Server.Given(Request.Create().WithPath("/graphql").UsingPost().WithBody(new WildcardMatcher("*" + Ping + "*")))
            .AtPriority(priority)
            .RespondWith(Response.Create().WithCallback(request =>
            {
                using var body = JsonDocument.Parse(request.Body!);
                var state = body.RootElement.GetProperty("variables").GetProperty("state").GetRawText();
                return new WireMock.ResponseMessage
                {
                    StatusCode = 200,
                    Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                    BodyData = new WireMock.Util.BodyData
                    {
                        BodyAsString = "{\"data\":{\"pingConnector\":{\"id\":\"" + ConnectorId + "\",\"connector_state\":" + state + "}}}",
                        DetectedBodyType = WireMock.Types.BodyType.String,
                    },
                };
            }));

    /// <summary>Answers an operation with HTTP 200 and <c>{"data": ...}</c>.</summary>
    public void RespondData(string operationMarker, string dataJson, int priority = 10) =>
        Respond(operationMarker, 200, "{\"data\":" + dataJson + "}", priority);

    /// <summary>Answers an operation with HTTP 200 and a GraphQL <c>errors</c> array (as OpenCTI does on failure).</summary>
    public void RespondError(string operationMarker, string message, string code, int priority = 5) =>
        Respond(operationMarker, 200, $$$$"""{"errors":[{"message":{{{{JsonSerializer.Serialize(message)}}}},"extensions":{"code":"{{{{code}}}}"}}],"data":null}""", priority);

    public void Respond(string operationMarker, int status, string body, int priority = 5) =>
        Server.Given(Request.Create().WithPath("/graphql").UsingPost().WithBody(new WildcardMatcher("*" + operationMarker + "*")))
            .AtPriority(priority)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>Answers the first <paramref name="failures"/> calls of an operation with <paramref name="status"/>, then with the normal mapping.</summary>
    public void FailFirst(string operationMarker, int failures, int status = 503)
    {
        var scenario = "fail-" + operationMarker;
        for (var i = 0; i < failures; i++)
        {
            var state = i == 0 ? null : $"failed-{i}";
            var builder = Server.Given(Request.Create().WithPath("/graphql").UsingPost().WithBody(new WildcardMatcher("*" + operationMarker + "*")))
                .AtPriority(1)
                .InScenario(scenario);
            builder = state is null ? builder : builder.WhenStateIs(state);
            builder.WillSetStateTo($"failed-{i + 1}")
                .RespondWith(Response.Create().WithStatusCode(status).WithBody("Service Unavailable"));
        }
    }

    /// <summary>
    /// The platform applies every call of an operation (WireMock records it: that is what <see cref="Requests"/> counts) and
    /// then fails to answer it with HTTP 502, as a proxy in front of it does when the platform is slow.
    /// <see cref="DroppingFrontEnd"/> drops the connection instead.
    /// </summary>
    public void ApplyThenBadGateway(string operationMarker) =>
        Server.Given(Request.Create().WithPath("/graphql").UsingPost().WithBody(new WildcardMatcher("*" + operationMarker + "*")))
            .AtPriority(0)
            .RespondWith(Response.Create().WithStatusCode(502).WithBody("Bad Gateway"));

    /// <summary>Answers the first call of an operation with a GraphQL error, then with the normal mapping.</summary>
    public void FailFirstWithError(string operationMarker, string message, string code)
    {
        var body = "{\"errors\":[{\"message\":" + JsonSerializer.Serialize(message) + ",\"extensions\":{\"code\":\"" + code + "\"}}],\"data\":{\"pingConnector\":null}}";
        Server.Given(Request.Create().WithPath("/graphql").UsingPost().WithBody(new WildcardMatcher("*" + operationMarker + "*")))
            .AtPriority(0)
            .InScenario("error-" + operationMarker)
            .WillSetStateTo("answered")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
    }

    /// <summary>Requests received for an operation, oldest first.</summary>
    public IReadOnlyList<ILogEntry> Requests(string operationMarker) =>
        Server.LogEntries.Where(e => e.RequestMessage.Body?.Contains(operationMarker, StringComparison.Ordinal) == true).ToList();

    /// <summary>The <c>variables</c> object of a logged request.</summary>
    public static JsonElement Variables(ILogEntry entry)
    {
        using var document = JsonDocument.Parse(entry.RequestMessage.Body!);
        return document.RootElement.GetProperty("variables").Clone();
    }

    public ServiceProvider BuildServices(Action<OpenCtiClientOptions>? tweak = null, TimeProvider? time = null, Action<IServiceCollection>? more = null,
        Action<IServiceCollection>? after = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time ?? Time);
        more?.Invoke(services);
        services.AddOpenCti(options =>
        {
            HostConfigured.Apply(options);
            options.Url = Url;
            options.Token = Token;
            options.ConnectorId = ConnectorId;
            options.ConnectorName = "TAXII2";
            options.ConnectorScope.Add("indicator");
            options.QueueProtocol = QueueProtocol.Api;
            options.MaxRetryAttempts = 2;
            options.RetryBaseDelay = TimeSpan.Zero;
            tweak?.Invoke(options);
        });
        after?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public void Dispose() => Server.Stop();

    /// <summary>The validation errors of a request body (one line), or null when it validates.</summary>
    private string? ValidationErrors(string body)
    {
        string query;
        string variables;
        try
        {
            using var document = JsonDocument.Parse(body);
            query = document.RootElement.GetProperty("query").GetString()!;
            variables = document.RootElement.TryGetProperty("variables", out var v) ? v.GetRawText() : "{}";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "not a GraphQL request: " + ex.Message;
        }

        var errors = Schema.ValidateAsync(query, variables).GetAwaiter().GetResult();
        if (errors.Count == 0)
        {
            return null;
        }

        var line = string.Join("; ", errors);
        if (!_validationFailures.Contains(query + " => " + line))
        {
            _validationFailures.Enqueue(query + " => " + line);
        }

        return line;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

