using System.Text;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Resources;
using TaxiiConnector.Taxii.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace TaxiiConnector.Taxii.Tests.Taxii2;

public sealed class AddObjectsTests : IDisposable
{
    private readonly ClientHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task AddObjectsAsync_Envelope_PostsWithTaxiiMediaTypesAndReadsStatus()
    {
        _harness.Server.Given(Request.Create().WithPath("/api1/collections/c1/objects/").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("Content-Type", Stix.Taxii21).WithBody("""
                {"id":"2d086da7-4bdc-4f91-900e-d77486753710","status":"pending","request_timestamp":"2016-11-02T12:34:34.123456Z",
                 "total_count":2,"success_count":1,"failure_count":0,"pending_count":1,
                 "successes":[{"id":"indicator--c410e480-e42b-47d1-9476-85307c12bcbf","version":"2018-05-27T12:02:41.312Z"}],
                 "pendings":[{"id":"indicator--252c7c11-daf2-42bd-843b-be65edca9f61","version":"2018-05-18T20:16:21.148Z"}]}
                """));
        _harness.Server.Given(Request.Create().WithPath("/api1/status/2d086da7-4bdc-4f91-900e-d77486753710/").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody("""
                {"id":"2d086da7-4bdc-4f91-900e-d77486753710","status":"complete","total_count":2,"success_count":2,"failure_count":0,"pending_count":0}
                """));
        var collection = new TaxiiCollection(new Uri(_harness.BaseUrl, "api1/"), TaxiiVersion.V21, "c1", "C", null, null, false, true, []);
        var body = Encoding.UTF8.GetBytes(Stix.Envelope(null, null, Stix.Id(1), Stix.Id(2)));

        var status = await _harness.RunAsync(() => _harness.Client.AddObjectsAsync(collection, body));
        var final = await _harness.RunAsync(() => _harness.Client.GetStatusAsync(collection.ApiRootUrl, status.Id));

        status.IsComplete.Should().BeFalse();
        (status.TotalCount, status.SuccessCount, status.PendingCount).Should().Be((2, 1, 1));
        status.Successes.Should().ContainSingle().Which.Version.Should().Be("2018-05-27T12:02:41.312Z");
        final.IsComplete.Should().BeTrue();
        var post = _harness.Server.LogEntries.InOrder()[0];
        post.Header("Content-Type")!.Replace(" ", "", StringComparison.Ordinal).Should().Be("application/taxii+json;version=2.1");
        post.Header("Content-Length").Should().Be(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        post.RequestMessage.Body.Should().Be(Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task GetStatusAsync_Taxii20Shape_AcceptsBareIdLists()
    {
        _harness.Server.Given(Request.Create().WithPath("/api1/status/s1/").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii20).WithBody("""
                {"id":"s1","status":"complete","total_count":2,"success_count":1,"failure_count":1,"pending_count":0,
                 "successes":["indicator--1"],"failures":[{"id":"indicator--2","message":"bad"}]}
                """));

        var status = await _harness.RunAsync(() => _harness.Client.GetStatusAsync(new Uri(_harness.BaseUrl, "api1/"), "s1", TaxiiVersion.V20));

        status.Successes.Should().ContainSingle().Which.Id.Should().Be("indicator--1");
        status.Failures.Should().ContainSingle().Which.Message.Should().Be("bad");
    }
}
