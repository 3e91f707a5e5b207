using System.Net;
using static TaxiiConnector.IntegrationTests.TaxiiPush.PushConnector;

namespace TaxiiConnector.IntegrationTests.TaxiiPush;

/// <summary>
/// The push endpoint's answers as configured through the host (<c>TAXII_PUSH_USERS</c>,
/// <c>TAXII_PUSH_MAX_CONTENT_LENGTH</c>), with a raw <see cref="HttpClient"/>: the auth matrix and each error code, every
/// error with a TAXII error resource whose <c>http_status</c> matches.
/// </summary>
public sealed class PushAuthAndErrorTests : IAsyncLifetime
{
    private const int MaxContentLength = 4096;
    private PushConnector _connector = null!;
    private readonly HttpClient _http = PushHttp.CreateClient();

    public async Task InitializeAsync() => _connector = await StartAsync(("TAXII_PUSH_MAX_CONTENT_LENGTH", MaxContentLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _connector.DisposeAsync();
    }

    [Theory]
    [InlineData("none", CollectionA, HttpStatusCode.Unauthorized)]
    [InlineData("alice-wrong-password", CollectionA, HttpStatusCode.Unauthorized)]
    [InlineData("unknown-user", CollectionA, HttpStatusCode.Unauthorized)]
    [InlineData("alice", CollectionA, HttpStatusCode.Accepted)]
    [InlineData("alice", CollectionB, HttpStatusCode.Forbidden)]
    [InlineData("bearer", CollectionB, HttpStatusCode.Accepted)]
    [InlineData("bearer-wrong-token", CollectionB, HttpStatusCode.Unauthorized)]
    [InlineData("alice", "99999999-9999-4999-8999-999999999999", HttpStatusCode.NotFound)]
    public async Task AddObjects_Credentials_AnswerPerTheAuthMatrix(string credentials, string collection, HttpStatusCode expected)
    {
        var auth = credentials switch
        {
            "none" => null,
            "alice" => PushHttp.Basic("alice", AlicePassword),
            "alice-wrong-password" => PushHttp.Basic("alice", AlicePassword + "x"),
            "unknown-user" => PushHttp.Basic("mallory", AlicePassword),
            "bearer" => PushHttp.Bearer(PartnerToken),
            "bearer-wrong-token" => PushHttp.Bearer(PartnerToken + "x"),
            _ => throw new ArgumentOutOfRangeException(nameof(credentials)),
        };

        using var response = await _http.SendAsync(PushHttp.Post(_connector.Endpoint.GetObjectsUrl(collection), PushEnvelopes.Utf8(PushEnvelopes.Indicators(1)), auth));

        response.StatusCode.Should().Be(expected);
        var body = await PushHttp.ReadJsonAsync(response);
        if (expected == HttpStatusCode.Accepted)
        {
            body.GetProperty("status").GetString().Should().BeOneOf("pending", "complete");
            body.GetProperty("total_count").GetInt32().Should().Be(1);
        }
        else
        {
            body.GetProperty("http_status").GetString().Should().Be(((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture));
            body.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        }

        if (expected == HttpStatusCode.Unauthorized)
        {
            response.Headers.WwwAuthenticate.Should().NotBeEmpty();
        }
    }

    [Fact]
    public async Task Discovery_WithoutCredentials_Unauthorized()
    {
        using var response = await _http.SendAsync(PushHttp.Get(_connector.Endpoint.DiscoveryUrl, auth: null));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiRoot_AdvertisesTheConfiguredMaxContentLength()
    {
        using var response = await _http.SendAsync(PushHttp.Get(_connector.Endpoint.ApiRootUrl, PushHttp.Basic("alice", AlicePassword)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await PushHttp.ReadJsonAsync(response)).GetProperty("max_content_length").GetInt64().Should().Be(MaxContentLength);
    }

    [Theory]
    [InlineData("content-type", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("accept", HttpStatusCode.NotAcceptable)]
    [InlineData("oversize", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("malformed-json", HttpStatusCode.UnprocessableEntity)]
    [InlineData("no-objects", HttpStatusCode.UnprocessableEntity)]
    public async Task AddObjects_BadRequest_SpecErrorCodeWithErrorResource(string fault, HttpStatusCode expected)
    {
        var body = fault switch
        {
            "oversize" => PushEnvelopes.Utf8(PushEnvelopes.Indicators(20)),
            "malformed-json" => PushEnvelopes.Utf8("{\"objects\": [ {\"type\": \"indicator\", "),
            "no-objects" => PushEnvelopes.Utf8("{\"more\": false}"),
            _ => PushEnvelopes.Utf8(PushEnvelopes.Indicators(1)),
        };
        if (fault == "oversize")
        {
            body.Length.Should().BeGreaterThan(MaxContentLength, "the test body must exceed the configured limit");
        }

        using var request = PushHttp.Post(
            _connector.Endpoint.GetObjectsUrl(CollectionA),
            body,
            PushHttp.Basic("alice", AlicePassword),
            contentType: fault == "content-type" ? "application/json" : PushHttp.Taxii21,
            accept: fault == "accept" ? "application/json" : PushHttp.Taxii21);

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(expected);
        var error = await PushHttp.ReadJsonAsync(response);
        error.GetProperty("http_status").GetString().Should().Be(((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
