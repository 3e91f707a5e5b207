using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Polly.Registry;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Taxii.Tests.Infrastructure;

namespace TaxiiConnector.Taxii.Tests.Taxii1;

public sealed class Taxii1ClientTests : IDisposable
{
    private const string PollPath = "/api/taxii/poll/";
    private static readonly XNamespace Ns = Taxii1Messages.Ns;
    private static readonly DateTimeOffset Begin = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private readonly Taxii1TestServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task DiscoverAsync_SpecResponse_SendsExactHeadersAndReturnsServices()
    {
        var baseUrl = _server.Url("/").ToString();
        _server.Answer("/api/taxii/discovery/", "Discovery_Request", Taxii1Messages.Discovery(baseUrl));
        var client = Taxii1ClientFactory.Create();

        var services = await client.DiscoverAsync(_server.Url("/api/taxii/discovery/"), CancellationToken.None);

        services.Select(s => s.ServiceType).Should().Equal("POLL", "COLLECTION_MANAGEMENT", "DISCOVERY");
        services[0].Address.Should().Be(_server.Url(PollPath));
        services[1].Address.Should().Be(_server.Url("/api/taxii/collection-management/"), "a relative address is resolved against the discovery URL");
        services[0].ContentBindings.Should().Equal("urn:stix.mitre.org:xml:1.1.1");

        var request = _server.Requests.Should().ContainSingle().Subject.RequestMessage;
        request.Method.Should().Be("POST");
        request.Headers!["Content-Type"].Single().Should().StartWith("application/xml");
        request.Headers["Accept"].Single().Should().Be("application/xml");
        request.Headers["X-TAXII-Content-Type"].Single().Should().Be("urn:taxii.mitre.org:message:xml:1.1");
        request.Headers["X-TAXII-Accept"].Single().Should().Be("urn:taxii.mitre.org:message:xml:1.1");
        request.Headers["X-TAXII-Services"].Single().Should().Be("urn:taxii.mitre.org:services:1.1");
        request.Headers["X-TAXII-Protocol"].Single().Should().Be("urn:taxii.mitre.org:protocol:http:1.0");
        request.Headers["Authorization"].Single().Should().Be("Basic " + Convert.ToBase64String("taxii-user:s3cret-Pa55"u8.ToArray()));
        var body = XElement.Parse(request.Body!);
        body.Name.Should().Be(Ns + "Discovery_Request");
        ((string?)body.Attribute("message_id")).Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task GetCollectionsAsync_ThreatConnectResponse_ReturnsCollectionsWithPollAddress()
    {
        _server.Answer("/api/taxii/collection-management/", "Collection_Information_Request", Taxii1Messages.Collections(_server.Url(PollPath).ToString()));
        var client = Taxii1ClientFactory.Create();

        var collections = await client.GetCollectionsAsync(_server.Url("/api/taxii/collection-management/"), CancellationToken.None);

        collections.Should().HaveCount(2);
        collections[0].Name.Should().Be("Example Org");
        collections[0].CollectionType.Should().Be("DATA_FEED");
        collections[0].ContentBindings.Should().Equal("CB_STIX_XML_111");
        collections[0].PollingAddresses.Should().Equal(_server.Url(PollPath));
        collections[1].Name.Should().Be("Finance Branch Log Analysis");
        collections[1].Available.Should().BeFalse();
        collections[1].PollingAddresses.Should().BeEmpty();
        XElement.Parse(_server.RequestBodies.Single()).Name.Should().Be(Ns + "Collection_Information_Request");
    }

    [Fact]
    public async Task PollAsync_SinglePart_SendsWindowAsUtcAndYieldsEachBlock()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.PollResponse(more: false, part: 1, "a", "b"));
        var client = Taxii1ClientFactory.Create();
        var progress = new Taxii1PollProgress();
        var begin = new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.FromHours(2));

        var blocks = await client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", begin, End), progress);

        blocks.Select(b => (string?)b.Payload!.Attribute("id")).Should().Equal("example:Package-a", "example:Package-b");
        blocks[0].ContentBinding.Should().Be("urn:stix.mitre.org:xml:1.1.1");
        blocks[0].TimestampLabel.Should().Be(new DateTimeOffset(2026, 11, 22, 13, 5, 41, 123, TimeSpan.Zero));
        progress.End.Should().Be(Taxii1PollEnd.Complete);
        progress.Parts.Should().Be(1);

        var poll = XElement.Parse(_server.RequestBodies.Single());
        poll.Name.Should().Be(Ns + "Poll_Request");
        ((string?)poll.Attribute("collection_name")).Should().Be("Example Org");
        poll.Element(Ns + "Exclusive_Begin_Timestamp")!.Value.Should().Be("2026-11-22T00:00:00.000Z");
        poll.Element(Ns + "Inclusive_End_Timestamp")!.Value.Should().Be("2026-11-23T00:00:00.000Z");
        poll.Elements().Select(e => e.Name.LocalName).Should().Equal("Exclusive_Begin_Timestamp", "Inclusive_End_Timestamp", "Poll_Parameters");
        var parameters = poll.Element(Ns + "Poll_Parameters")!;
        ((string?)parameters.Attribute("allow_asynch")).Should().Be("false");
        parameters.Element(Ns + "Response_Type")!.Value.Should().Be("FULL");
        parameters.Elements(Ns + "Content_Binding").Should().BeEmpty("ThreatConnect advertises a non-URN binding; asking for none means all");
    }

    [Fact]
    public async Task PollAsync_ConfiguredContentBinding_IsSentInPollParameters()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.PollResponse(more: false, part: 1));
        var client = Taxii1ClientFactory.Create(configure: o => o.PollContentBindings = ["urn:stix.mitre.org:xml:1.1.1"]);

        await client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End));

        var binding = XElement.Parse(_server.RequestBodies.Single()).Element(Ns + "Poll_Parameters")!.Element(Ns + "Content_Binding")!;
        ((string?)binding.Attribute("binding_id")).Should().Be("urn:stix.mitre.org:xml:1.1.1");
    }

    [Fact]
    public async Task PollAsync_MultiPart_FollowsFulfilmentUntilMoreFalse()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.PollResponse(more: true, part: 1, "p1a", "p1b"));
        _server.Answer(PollPath, "result_part_number=\"2\"", Taxii1Messages.PollResponse(more: true, part: 2, "p2a"));
        _server.Answer(PollPath, "result_part_number=\"3\"", Taxii1Messages.PollResponse(more: false, part: 3, "p3a"));
        _server.Answer(PollPath, "result_part_number=\"4\"", Taxii1Messages.Status("FAILURE", "must not be asked"));
        var client = Taxii1ClientFactory.Create();
        var progress = new Taxii1PollProgress();

        var blocks = await client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End), progress);

        blocks.Select(b => (string?)b.Payload!.Attribute("id")).Should().Equal("example:Package-p1a", "example:Package-p1b", "example:Package-p2a", "example:Package-p3a");
        blocks.Select(b => b.PartNumber).Should().Equal(1, 1, 2, 3);
        progress.Parts.Should().Be(3);
        progress.End.Should().Be(Taxii1PollEnd.Complete);
        progress.ResultId.Should().Be("1795305600000:1795392000000");

        var fulfilments = _server.RequestBodies.Skip(1).Select(XElement.Parse).ToList();
        fulfilments.Should().HaveCount(2);
        fulfilments.Should().AllSatisfy(f =>
        {
            f.Name.Should().Be(Ns + "Poll_Fulfillment");
            ((string?)f.Attribute("collection_name")).Should().Be("Example Org");
            ((string?)f.Attribute("result_id")).Should().Be("1795305600000:1795392000000");
        });
        fulfilments.Select(f => (string?)f.Attribute("result_part_number")).Should().Equal("2", "3");
    }

    [Fact]
    public async Task PollAsync_MoreAttributeAbsent_TreatedAsComplete()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.PollResponse(more: null, part: 1, "only"));
        var client = Taxii1ClientFactory.Create();

        var blocks = await client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End));

        blocks.Should().ContainSingle();
        _server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task PollAsync_FulfilmentAnsweredWithEmptyBody_EndsAsThreatConnectDoes()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.PollResponse(more: true, part: 1, "a"));
        _server.AnswerRaw(PollPath, "Poll_Fulfillment", string.Empty, 200);
        var client = Taxii1ClientFactory.Create();
        var progress = new Taxii1PollProgress();

        var blocks = await client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End), progress);

        blocks.Should().ContainSingle();
        progress.End.Should().Be(Taxii1PollEnd.EmptyBody);
        progress.IsComplete.Should().BeTrue();
        _server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task PollAsync_EmptyFulfilment_YieldsNothingAndIsComplete()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.PollResponse(more: true, part: 1));
        _server.Answer(PollPath, "Poll_Fulfillment", Taxii1Messages.PollResponse(more: false, part: 2));
        var client = Taxii1ClientFactory.Create();
        var progress = new Taxii1PollProgress();

        var blocks = await client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End), progress);

        blocks.Should().BeEmpty();
        progress.Parts.Should().Be(2);
        progress.End.Should().Be(Taxii1PollEnd.Complete);
    }

    [Fact]
    public async Task PollAsync_InvalidResponsePartDuringFulfilment_EndsLoop()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.PollResponse(more: true, part: 1, "a"));
        _server.Answer(PollPath, "Poll_Fulfillment", Taxii1Messages.Status("INVALID_RESPONSE_PART", "no such part", ("MAX_PART_NUMBER", "1")));
        var client = Taxii1ClientFactory.Create();
        var progress = new Taxii1PollProgress();

        var blocks = await client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End), progress);

        blocks.Should().ContainSingle();
        progress.End.Should().Be(Taxii1PollEnd.InvalidResponsePart);
        progress.IsComplete.Should().BeTrue();
    }

    [Fact]
    public async Task PollAsync_ServerAlwaysSaysMore_StopsAtPartCap()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.PollResponse(more: true, part: 1, "a"));
        _server.Answer(PollPath, "Poll_Fulfillment", Taxii1Messages.PollResponse(more: true, part: 1, "again"));
        var client = Taxii1ClientFactory.Create(configure: o => o.MaxPollParts = 4);
        var progress = new Taxii1PollProgress();

        var blocks = await client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End), progress);

        blocks.Should().HaveCount(4);
        _server.Requests.Should().HaveCount(4);
        progress.End.Should().Be(Taxii1PollEnd.PartCap);
        progress.IsComplete.Should().BeFalse();
    }

    [Fact]
    public async Task PollAsync_EscapedXmlContentText_IsParsedAsPayload()
    {
        var escaped = System.Security.SecurityElement.Escape("""<stix:STIX_Package xmlns:stix="http://stix.mitre.org/stix-1" id="x:Package-text" version="1.1.1"/>""");
        var xml = $"""
            <taxii_11:Poll_Response xmlns:taxii_11="{Taxii1Messages.Ns}" message_id="9" in_response_to="3" collection_name="Example Org" more="false">
              <taxii_11:Content_Block>
                <taxii_11:Content_Binding binding_id="urn:stix.mitre.org:xml:1.1.1"/>
                <taxii_11:Content>{escaped}</taxii_11:Content>
              </taxii_11:Content_Block>
            </taxii_11:Poll_Response>
            """;
        _server.Answer(PollPath, "Poll_Request", xml);
        var client = Taxii1ClientFactory.Create();

        var block = (await client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End))).Single();

        block.Payload!.Name.Should().Be(XName.Get("STIX_Package", "http://stix.mitre.org/stix-1"));
        ((string?)block.Payload.Attribute("id")).Should().Be("x:Package-text");
    }

    [Fact]
    public async Task PollAsync_PrefixDeclaredOnResponseRoot_StaysResolvableInPayload()
    {
        var xml = $"""
            <taxii_11:Poll_Response xmlns:taxii_11="{Taxii1Messages.Ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cyboxDN="http://cybox.mitre.org/objects#DomainNameObject-1" message_id="9" in_response_to="3" collection_name="Example Org" more="false">
              <taxii_11:Content_Block>
                <taxii_11:Content_Binding binding_id="urn:stix.mitre.org:xml:1.1.1"/>
                <taxii_11:Content><stix:STIX_Package xmlns:stix="http://stix.mitre.org/stix-1"><stix:Properties xsi:type="cyboxDN:DomainNameObjectType"/></stix:STIX_Package></taxii_11:Content>
              </taxii_11:Content_Block>
            </taxii_11:Poll_Response>
            """;
        _server.Answer(PollPath, "Poll_Request", xml);
        var client = Taxii1ClientFactory.Create();

        var block = (await client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End))).Single();

        block.Payload!.Elements().Single().GetNamespaceOfPrefix("cyboxDN")!.NamespaceName.Should().Be("http://cybox.mitre.org/objects#DomainNameObject-1");
    }

    [Fact]
    public async Task PollAsync_Retry_WaitsEstimatedWaitThroughTimeProviderThenPollsAgain()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.Status("RETRY", "busy", ("ESTIMATED_WAIT", "7")), scenario: "retry", nextState: "ready");
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.PollResponse(more: false, part: 1, "after-retry"), scenario: "retry", whenState: "ready");
        var time = new DelayRecordingTimeProvider();
        var client = Taxii1ClientFactory.Create(time);

        var blocks = await time.RunReleasingDelaysAsync(() => client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End)));

        blocks.Should().ContainSingle().Which.Payload!.Attribute("id")!.Value.Should().Be("example:Package-after-retry");
        time.Delays.Should().Equal(TimeSpan.FromSeconds(7));
        _server.RequestBodies.Select(b => XElement.Parse(b).Name.LocalName).Should().Equal("Poll_Request", "Poll_Request");
    }

    [Fact]
    public async Task AddTaxii1Client_PollAnsweredRetry_WaitsThroughTheRegisteredTaxii1PollStatusPipeline()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.Status("RETRY", "busy", ("ESTIMATED_WAIT", "9")), scenario: "di", nextState: "ready");
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.PollResponse(more: false, part: 1, "after-retry"), scenario: "di", whenState: "ready");
        var time = new DelayRecordingTimeProvider();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time);
        services.AddTaxii1Client(o => ClientDefaults.Apply(o).MaxStatusRetries = 2);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<Taxii1Client>();

        var blocks = await time.RunReleasingDelaysAsync(() => client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End)));

        provider.GetRequiredService<ResiliencePipelineProvider<string>>().TryGetPipeline<PollAnswer>(Taxii1Client.PollStatusPipelineName, out _)
            .Should().BeTrue("the waits are a named pipeline registered through the resilience extensions, so Polly's telemetry sees them");
        blocks.Should().ContainSingle();
        time.Delays.Should().Equal(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task PollAsync_NetworkErrorWithoutWait_RetriesAfterDefaultWait()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.Status("NETWORK_ERROR"), scenario: "net", nextState: "ok");
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.PollResponse(more: false, part: 1, "x"), scenario: "net", whenState: "ok");
        var time = new DelayRecordingTimeProvider();
        var client = Taxii1ClientFactory.Create(time, o => o.DefaultStatusWait = TimeSpan.FromSeconds(42));

        var blocks = await time.RunReleasingDelaysAsync(() => client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End)));

        blocks.Should().ContainSingle();
        time.Delays.Should().Equal(TimeSpan.FromSeconds(42));
    }

    [Fact]
    public async Task PollAsync_PendingWithResultId_CollectsThatResultAfterTheWait()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.Status("PENDING", null, ("ESTIMATED_WAIT", "3"), ("RESULT_ID", "r-77"), ("WILL_PUSH", "false")));
        _server.Answer(PollPath, "result_id=\"r-77\"", Taxii1Messages.PollResponse(more: false, part: 1, "pending-result"));
        var time = new DelayRecordingTimeProvider();
        var client = Taxii1ClientFactory.Create(time);

        var blocks = await time.RunReleasingDelaysAsync(() => client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End)));

        blocks.Should().ContainSingle();
        time.Delays.Should().Equal(TimeSpan.FromSeconds(3));
        var fulfilment = XElement.Parse(_server.RequestBodies[1]);
        fulfilment.Name.Should().Be(Ns + "Poll_Fulfillment");
        ((string?)fulfilment.Attribute("result_part_number")).Should().Be("1");
    }

    [Fact]
    public async Task PollAsync_RetryForever_GivesUpAfterBudgetAsTransient()
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.Status("RETRY", "still busy", ("ESTIMATED_WAIT", "99999")));
        var time = new DelayRecordingTimeProvider();
        var client = Taxii1ClientFactory.Create(time, o => o.MaxStatusRetries = 2);

        var act = () => time.RunReleasingDelaysAsync(() => client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End)));

        var error = (await act.Should().ThrowAsync<Taxii1StatusException>()).Which;
        error.Kind.Should().Be(Taxii1ErrorKind.Transient);
        error.Status.StatusType.Should().Be("RETRY");
        time.Delays.Should().Equal(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));
        _server.Requests.Should().HaveCount(3);
    }

    [Theory]
    [InlineData("UNAUTHORIZED", Taxii1ErrorKind.Authentication)]
    [InlineData("DENIED", Taxii1ErrorKind.Permission)]
    [InlineData("NOT_FOUND", Taxii1ErrorKind.Configuration)]
    [InlineData("BAD_MESSAGE", Taxii1ErrorKind.BadRequest)]
    [InlineData("FAILURE", Taxii1ErrorKind.Transient)]
    [InlineData("ASYNCHRONOUS_POLL_ERROR", Taxii1ErrorKind.Protocol)]
    [InlineData("POLLING_UNSUPPORTED", Taxii1ErrorKind.Configuration)]
    [InlineData("UNSUPPORTED_MESSAGE", Taxii1ErrorKind.Configuration)]
    [InlineData("UNSUPPORTED_CONTENT", Taxii1ErrorKind.Configuration)]
    [InlineData("UNSUPPORTED_PROTOCOL", Taxii1ErrorKind.Configuration)]
    [InlineData("UNSUPPORTED_QUERY", Taxii1ErrorKind.Configuration)]
    [InlineData("DESTINATION_COLLECTION_ERROR", Taxii1ErrorKind.Configuration)]
    [InlineData("INVALID_RESPONSE_PART", Taxii1ErrorKind.Protocol)]
    [InlineData("SUCCESS", Taxii1ErrorKind.Protocol)]
    public async Task PollAsync_TerminalStatus_ThrowsTypedErrorWithDetails(string statusType, Taxii1ErrorKind expected)
    {
        _server.Answer(PollPath, "Poll_Request", Taxii1Messages.Status(statusType, "server says no", ("ITEM", "Example Org")));
        var time = new DelayRecordingTimeProvider();
        var client = Taxii1ClientFactory.Create(time);

        var act = () => client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End));

        var error = (await act.Should().ThrowAsync<Taxii1StatusException>()).Which;
        error.Kind.Should().Be(expected);
        error.Status.StatusType.Should().Be(statusType);
        error.Status.Detail("ITEM").Should().Be("Example Org");
        error.Message.Should().Contain(statusType).And.Contain("ITEM=Example Org").And.Contain("server says no");
        error.Message.Should().NotContain("s3cret-Pa55");
        time.Delays.Should().BeEmpty("only RETRY, PENDING and NETWORK_ERROR are waited out");
        _server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task GetCollectionsAsync_UnsupportedMessage_NamesTheSupportedBinding()
    {
        _server.Answer("/cm/", "Collection_Information_Request", Taxii1Messages.Status("UNSUPPORTED_MESSAGE", null, ("SUPPORTED_BINDING", "urn:taxii.mitre.org:message:xml:1.0")));
        var client = Taxii1ClientFactory.Create();

        var act = () => client.GetCollectionsAsync(_server.Url("/cm/"), CancellationToken.None);

        (await act.Should().ThrowAsync<Taxii1StatusException>()).Which.Message.Should().Contain("SUPPORTED_BINDING=urn:taxii.mitre.org:message:xml:1.0");
    }

    [Fact]
    public async Task DiscoverAsync_RetryThenResponse_WaitsAndSucceeds()
    {
        _server.Answer("/d/", "Discovery_Request", Taxii1Messages.Status("RETRY", null, ("ESTIMATED_WAIT", "5")), scenario: "d", nextState: "ok");
        _server.Answer("/d/", "Discovery_Request", Taxii1Messages.Discovery(_server.Url("/").ToString()), scenario: "d", whenState: "ok");
        var time = new DelayRecordingTimeProvider();
        var client = Taxii1ClientFactory.Create(time);

        var services = await time.RunReleasingDelaysAsync(() => client.DiscoverAsync(_server.Url("/d/"), CancellationToken.None));

        services.Should().HaveCount(3);
        time.Delays.Should().Equal(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task PollAsync_HtmlErrorPageWithoutTaxiiHeader_IsTransientFailure()
    {
        _server.AnswerRaw(PollPath, "Poll_Request", "<html><body>502 Bad Gateway</body></html>", 502, ("Content-Type", "text/html"));
        var client = Taxii1ClientFactory.Create();

        var act = () => client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "Example Org", Begin, End));

        var error = (await act.Should().ThrowAsync<Taxii1Exception>()).Which;
        error.Kind.Should().Be(Taxii1ErrorKind.Transient);
        error.Message.Should().Contain("502").And.Contain("X-TAXII-Content-Type");
    }

    [Fact]
    public async Task DiscoverAsync_Http401WithoutTaxiiBody_IsAuthenticationErrorWithoutSecrets()
    {
        _server.AnswerRaw("/d/", "Discovery_Request", "Unauthorized", 401, ("Content-Type", "text/plain"));
        var client = Taxii1ClientFactory.Create();

        var act = () => client.DiscoverAsync(_server.Url("/d/"), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<Taxii1Exception>()).Which;
        error.Kind.Should().Be(Taxii1ErrorKind.Authentication);
        error.Message.Should().NotContain("s3cret-Pa55").And.NotContain(Convert.ToBase64String("taxii-user:s3cret-Pa55"u8.ToArray()));
    }

    [Fact]
    public async Task DiscoverAsync_Taxii10Binding_IsRefusedClearly()
    {
        _server.AnswerRaw("/d/", "Discovery_Request", "<x/>", 200, ("X-TAXII-Content-Type", "urn:taxii.mitre.org:message:xml:1.0"));
        var client = Taxii1ClientFactory.Create();

        var act = () => client.DiscoverAsync(_server.Url("/d/"), CancellationToken.None);

        (await act.Should().ThrowAsync<Taxii1Exception>()).Which.Message.Should().Contain("urn:taxii.mitre.org:message:xml:1.0");
    }
}
