using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// Just enough of OpenCTI's GraphQL API for a real (not dry) run: about, registration (pointing the broker at the
/// benchmark's RabbitMQ node), ping, works, expectations, queue details and <c>stixBundlePush</c>. Every request body is
/// parsed, and a pushed bundle's JSON too, as the platform would before it answers. It runs in the server child process,
/// so its CPU is not counted as the connector's.
/// </summary>
internal static class StandInPlatform
{
    public const string ConnectorId = "2b6a4a5e-8d43-4f0c-9a8e-0c7c1a8e4b11";
    public const string Token = "7c9c7b0e-6f57-4b5a-9a0e-3d8a2b3c4d5e";
    private const string ApplicantId = "88ec0c6a-13ce-5e39-b486-354fe4a7084f";

    public static async Task<(WebApplication App, Uri Url)> StartAsync(int brokerPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var registration = Encoding.UTF8.GetBytes($$$$$"""
            {"data":{"registerConnector":{"id":"{{{{{ConnectorId}}}}}","connector_state":null,"connector_user_id":"{{{{{ApplicantId}}}}}",
             "config":{"connection":{"host":"127.0.0.1","vhost":"/","use_ssl":false,"port":{{{{{brokerPort}}}}},"user":"guest","pass":"guest"},
              "listen":"listen_{{{{{ConnectorId}}}}}","listen_routing":"listen_routing_{{{{{ConnectorId}}}}}","listen_exchange":"amqp.connector.exchange",
              "push":"push_{{{{{ConnectorId}}}}}","push_routing":"push_routing_{{{{{ConnectorId}}}}}","push_exchange":"{{{{{PushQueue.Exchange}}}}}",
              "dead_letter_routing":"listen_routing_too-large-bundle"}}}}
            """);
        app.MapPost("/graphql", async context =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var query = body.RootElement.GetProperty("query").GetString() ?? string.Empty;
            var answer = query switch
            {
                _ when query.Contains("registerConnector(", StringComparison.Ordinal) => registration,
                _ when query.Contains("StixBundlePush(", StringComparison.Ordinal) => PushBundle(body.RootElement),
                _ when query.Contains("about", StringComparison.Ordinal) => """{"data":{"about":{"version":"6.9.17"}}}"""u8.ToArray(),
                _ when query.Contains("pingConnector(", StringComparison.Ordinal) => Ping(body.RootElement),
                _ when query.Contains("workAdd(", StringComparison.Ordinal) => """{"data":{"workAdd":{"id":"work-1"}}}"""u8.ToArray(),
                _ when query.Contains("addExpectations(", StringComparison.Ordinal) => """{"data":{"workEdit":{"addExpectations":"work-1"}}}"""u8.ToArray(),
                _ when query.Contains("toProcessed(", StringComparison.Ordinal) => """{"data":{"workEdit":{"toProcessed":"work-1"}}}"""u8.ToArray(),
                _ when query.Contains("connector_queue_details", StringComparison.Ordinal) => Encoding.UTF8.GetBytes(
                    "{\"data\":{\"connector\":{\"id\":\"" + ConnectorId + "\",\"connector_queue_details\":{\"messages_number\":0,\"messages_size\":0}}}}"),
                _ => """{"errors":[{"message":"The benchmark's stand-in platform does not know this operation"}]}"""u8.ToArray(),
            };
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(answer, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }

    /// <summary>Answers with the state the connector sent, as the platform stores it (a stale state would be adopted).</summary>
    private static byte[] Ping(JsonElement request)
    {
        var state = request.TryGetProperty("variables", out var variables) && variables.TryGetProperty("state", out var sent)
            && sent.ValueKind == JsonValueKind.String ? sent.GetString() : null;
        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["data"] = new Dictionary<string, object?> { ["pingConnector"] = new Dictionary<string, object?> { ["id"] = ConnectorId, ["connector_state"] = state } },
        });
    }

    private static byte[] PushBundle(JsonElement request)
    {
        var bundle = request.GetProperty("variables").GetProperty("bundle").GetString() ?? "{}";
        using var parsed = JsonDocument.Parse(bundle);
        var objects = parsed.RootElement.GetProperty("objects").GetArrayLength();
        return objects > 0
            ? """{"data":{"stixBundlePush":true}}"""u8.ToArray()
            : """{"errors":[{"message":"Invalid bundle"}]}"""u8.ToArray();
    }
}
