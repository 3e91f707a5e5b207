using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TaxiiConnector.Server.Push;

namespace TaxiiConnector.Tests.Sources.TaxiiPush;

/// <summary>What the delivery tests do to a real push endpoint on loopback: POST indicators as user alice, take the spooled envelope.</summary>
internal static class PushSpoolTraffic
{
    public const string March = "2026-03-01T00:00:00.000Z";

    /// <summary>POSTs one indicator per (id, modified) and returns the status id of the accepted envelope.</summary>
    public static async Task<string> PostIndicatorsAsync(TaxiiPushHost host, string collectionId, IEnumerable<(string Id, string Modified)> objects)
    {
        var json = objects.Select(o =>
            $$"""{"type":"indicator","spec_version":"2.1","id":"{{o.Id}}","created":"{{March}}","modified":"{{o.Modified}}","pattern":"[domain-name:value = 'a.example.com']","pattern_type":"stix","valid_from":"{{March}}"}""");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, host.GetObjectsUrl(collectionId))
        {
            Content = new StringContent("{\"objects\":[" + string.Join(',', json) + "]}", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/taxii+json;version=2.1");
        request.Headers.TryAddWithoutValidation("Accept", "application/taxii+json;version=2.1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:pw")));
        using var response = await http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The next envelope the spool hands to its consumer.</summary>
    public static async Task<SpooledEnvelope> NextEnvelopeAsync(TaxiiPushSpool spool)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var envelope in spool.ReadPendingAsync(timeout.Token))
        {
            return envelope;
        }

        throw new InvalidOperationException("The spool ended.");
    }
}
