using System.Reflection;
using TaxiiConnector.OpenCti.Buffering;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Ping;
using TaxiiConnector.OpenCti.Registration;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.Tests.Platform;
using TaxiiConnector.OpenCti.Works;

namespace TaxiiConnector.OpenCti.Tests.GraphQL;

[Collection(OpenCtiSchemaCollection.Name)]
public sealed class OpenCtiDocumentsTests
{
    private const string ConnectorId = "2b6a4a5e-8d43-4f0c-9a8e-0c7c1a8e4b11";
    private readonly OpenCtiSchemaFixture _schema;

    public OpenCtiDocumentsTests(OpenCtiSchemaFixture schema)
    {
        _schema = schema;
    }

    public static TheoryData<string> DocumentNames()
    {
        var data = new TheoryData<string>();
        foreach (var field in AllDocuments())
        {
            data.Add(field.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentNames))]
    public async Task Document_WithTheVariablesTheClientSends_ValidatesAgainstOpenCti69Schema(string name)
    {
        var query = (string)AllDocuments().Single(f => f.Name == name).GetValue(null)!;
        var requests = SampleRequests().Where(r => r.Query == query).ToList();
        requests.Should().NotBeEmpty($"every document needs a sample request built by the production code ({name})");

        foreach (var request in requests)
        {
            var errors = await _schema.ValidateAsync(request.Query, RequestJson.Variables(request));
            errors.Should().BeEmpty($"{name} must validate against the platform schema");
        }
    }

    [Fact]
    public void SampleRequests_CoverEveryDocument()
    {
        var sent = SampleRequests().Select(r => r.Query).ToHashSet();
        AllDocuments().Select(f => (string)f.GetValue(null)!).Should().OnlyContain(query => sent.Contains(query));
    }

    [Fact]
    public async Task PingDocument_WithoutConnectorInfoRequiredField_IsRejected()
    {
        // Proves the validator checks variables, so the passing cases above mean something.
        var errors = await _schema.ValidateAsync(OpenCtiDocuments.PingConnector,
            """{"id":"x","state":"null","connectorInfo":{"run_and_terminate":false,"buffering":false,"queue_threshold":500}}""");
        errors.Should().NotBeEmpty();
    }

    internal static IEnumerable<FieldInfo> AllDocuments() =>
        typeof(OpenCtiDocuments).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string));

    private static OpenCtiClientOptions Options()
    {
        var options = HostConfigured.Apply(new OpenCtiClientOptions { ConnectorId = ConnectorId, ConnectorName = "TAXII2", Version = "0.1.0" });
        options.ConnectorScope.Add("indicator");
        options.ConnectorScope.Add("ipv4-addr");
        return options;
    }

    private static IEnumerable<GraphQLRequest> SampleRequests()
    {
        var options = Options();
        var runInfo = new ConnectorRunInfo();
        yield return new GraphQLRequest("about", OpenCtiDocuments.About);
        yield return new GraphQLRequest("registrationSchema", OpenCtiDocuments.RegistrationSchema, retry: GraphQLRetry.WhenTransient);
        yield return ConnectorRegistrar.BuildRegisterRequest(options, new RegistrationSchema(
            ["id", "name", "type", "scope", "auto", "auto_update", "enrichment_resolution", "only_contextual", "playbook_compatible", "listen_callback_uri"],
            ["connection", "listen", "push", "push_routing", "push_exchange", "dead_letter_routing"],
            introspected: true));
        yield return ConnectorPinger.BuildPingRequest(ConnectorId, "null", runInfo, options);
        runInfo.SetQueue(buffering: true, 612.5);
        runInfo.SetRunTimes(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero));
        yield return ConnectorPinger.BuildPingRequest(ConnectorId, """{"last_run":1700000000,"cursors":{"k":"c"}}""", runInfo, options);
        yield return QueueBufferingCheck.BuildRequest(ConnectorId);
        yield return OpenCtiWorkTracker.BuildWorkAdd(ConnectorId, "TAXII2 run @ 2026-11-24T10:00:00Z");
        yield return OpenCtiWorkTracker.BuildAddExpectations("work-1", 12);
        yield return OpenCtiWorkTracker.BuildToProcessed("work-1", "done", inError: true);
        yield return OpenCtiApiSink.BuildRequest(ConnectorId, """{"type":"bundle","id":"bundle--1","objects":[]}"""u8.ToArray(), "work-1");
        yield return OpenCtiApiSink.BuildRequest(ConnectorId, """{"type":"bundle","id":"bundle--1","objects":[]}"""u8.ToArray(), null);
    }
}
