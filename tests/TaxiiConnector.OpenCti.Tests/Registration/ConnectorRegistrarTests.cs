using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaxiiConnector.OpenCti.Registration;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.OpenCti.Tests.Platform;
using TaxiiConnector.OpenCti.Tests.Schema;

namespace TaxiiConnector.OpenCti.Tests.Registration;

/// <summary>
/// Registration against platforms whose <c>RegisterConnectorInput</c> and <c>ConnectorConfig</c> differ. The input is
/// pycti's (<c>OpenCTIConnector.to_input</c> in pycti/connector/opencti_connector.py: id, name, type, scope, auto,
/// auto_update, enrichment_resolution, only_contextual, playbook_compatible, listen_callback_uri; pycti 7 adds version and
/// slug), cut to what the platform lists; the config selection is pycti's (<c>OpenCTIApiConnector.register</c>, which never
/// asks for dead_letter_routing) cut to what the connector reads.
/// </summary>
public sealed class ConnectorRegistrarTests : IDisposable
{
    private const int SchemaUnknownEventId = 5112;

    private readonly FakeOpenCtiPlatform _platform = new();
    private readonly RecordingLoggerProvider _logs = new();

    public static TheoryData<string> Variants() => new(OpenCtiSchemaVariant.All.Select(v => v.Name));

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task RegisterAsync_EachPlatformSchema_ValidatesAndSendsOnlyTheFieldsItLists(string variantName)
    {
        var variant = OpenCtiSchemaVariant.ByName(variantName);
        using var platform = new FakeOpenCtiPlatform(schema: variant);
        using var services = platform.BuildServices(o => o.Version = "1.2.3", more: Logs);

        var registration = await services.GetRequiredService<ConnectorSession>().EnsureRegisteredAsync(CancellationToken.None);

        platform.ValidationFailures.Should().BeEmpty();
        registration.ConnectorId.Should().Be(FakeOpenCtiPlatform.ConnectorId);
        registration.Queue!.PushRouting.Should().Be("push_routing_" + FakeOpenCtiPlatform.ConnectorId);
        var listed = InputFieldsOf(variant);
        var sent = SentInput(platform).EnumerateObject().Select(p => p.Name).ToList();
        sent.Should().OnlyContain(field => listed.Contains(field));
        sent.Should().BeEquivalentTo(listed.Where(SendableFields.Contains), "every field the platform lists and the connector knows is sent");
        _logs.Count(SchemaUnknownEventId).Should().Be(0);
    }

    [Fact]
    public async Task RegisterAsync_Platform69_SendsPyctiInputAndKeepsUserConfigAndState()
    {
        _platform.RespondData(FakeOpenCtiPlatform.Register, FakeOpenCtiPlatform.RegistrationJson("""{"last_run":1700000000}"""), priority: 1);
        using var services = _platform.BuildServices(o => o.ConnectorScope.Add("ipv4-addr"));
        var session = services.GetRequiredService<ConnectorSession>();

        var registration = await session.EnsureRegisteredAsync(CancellationToken.None);

        var input = SentInput(_platform);
        input.EnumerateObject().Select(p => p.Name).Should().Equal(
            "id", "name", "type", "scope", "auto", "auto_update", "enrichment_resolution", "only_contextual", "playbook_compatible", "listen_callback_uri");
        input.GetProperty("id").GetString().Should().Be(FakeOpenCtiPlatform.ConnectorId);
        input.GetProperty("name").GetString().Should().Be("TAXII2");
        input.GetProperty("type").GetString().Should().Be("EXTERNAL_IMPORT");
        input.GetProperty("scope").EnumerateArray().Select(e => e.GetString()).Should().Equal("indicator", "ipv4-addr");
        input.GetProperty("auto").GetBoolean().Should().BeFalse();
        input.GetProperty("enrichment_resolution").GetString().Should().Be("none");
        input.GetProperty("listen_callback_uri").ValueKind.Should().Be(JsonValueKind.Null);
        SentQuery(_platform).Should().Contain("config { connection { host vhost use_ssl port user pass } push push_routing push_exchange }")
            .And.NotContain("dead_letter_routing").And.NotContain("listen");

        registration.ApplicantId.Should().Be(FakeOpenCtiPlatform.ApplicantId);
        registration.PlatformVersion.Should().Be("6.9.17");
        registration.Queue!.PushExchange.Should().Be("amqp.worker.exchange");
        registration.Queue.PushRouting.Should().Be("push_routing_" + FakeOpenCtiPlatform.ConnectorId);
        registration.Queue.Host.Should().Be("rabbitmq");
        registration.Queue.ToString().Should().NotContain("guest");
        services.GetRequiredService<ConnectorStateDocument>().LegacyLastRun.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1700000000));
    }

    [Fact]
    public async Task RegisterAsync_64LikePlatform_SendsNoFieldAddedAfterIt()
    {
        using var platform = new FakeOpenCtiPlatform("6.4.10", OpenCtiSchemaVariant.Like64);
        using var services = platform.BuildServices();

        await services.GetRequiredService<ConnectorSession>().EnsureRegisteredAsync(CancellationToken.None);

        SentInput(platform).EnumerateObject().Select(p => p.Name).Should().Equal(
            "id", "name", "type", "scope", "auto", "only_contextual", "playbook_compatible");
        platform.ValidationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task RegisterAsync_7xPlatformListingVersionAndSlug_SendsThem()
    {
        // The platform's version number says nothing here: a 6.x number with a schema that has version and slug gets them.
        using var platform = new FakeOpenCtiPlatform("6.9.99", OpenCtiSchemaVariant.Like7WithVersionAndSlug);
        using var services = platform.BuildServices(o => o.Version = "1.2.3");

        await services.GetRequiredService<ConnectorSession>().EnsureRegisteredAsync(CancellationToken.None);

        var input = SentInput(platform);
        input.GetProperty("version").GetString().Should().Be("1.2.3");
        input.GetProperty("slug").GetString().Should().Be("taxii2");
        input.TryGetProperty("auto_update", out _).Should().BeFalse("this platform dropped auto_update");
        platform.ValidationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task RegisterAsync_7xPlatformWithoutVersion_SendsNeitherVersionNorSlug()
    {
        using var platform = new FakeOpenCtiPlatform("7.260817.0", OpenCtiSchemaVariant.Like7WithoutVersionAndSlug);
        using var services = platform.BuildServices(o => o.Version = "1.2.3");

        await services.GetRequiredService<ConnectorSession>().EnsureRegisteredAsync(CancellationToken.None);

        var input = SentInput(platform);
        input.TryGetProperty("version", out _).Should().BeFalse();
        input.TryGetProperty("slug", out _).Should().BeFalse();
        platform.ValidationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task FakePlatform_RegistrationBuiltForAnother69_IsRefusedBy64LikeSchema()
    {
        // Proves the fake platform's validation bites, so the passing cases above mean something.
        using var platform = new FakeOpenCtiPlatform("6.4.10", OpenCtiSchemaVariant.Like64);
        var full = new RegistrationSchema(InputFieldsOf(OpenCtiSchemaVariant.Original), ["connection", "push", "push_routing", "push_exchange", "dead_letter_routing"], true);
        var request = ConnectorRegistrar.BuildRegisterRequest(Options(), full);

        var errors = await OpenCtiSchemaVariant.Like64.ValidateAsync(request.Query, TaxiiConnector.OpenCti.Tests.GraphQL.RequestJson.Variables(request));

        errors.Should().NotBeEmpty();
        string.Join(' ', errors).Should().Contain("auto_update");
    }

    [Theory]
    [InlineData("6.9")]
    [InlineData("6.4-like")]
    [InlineData("7.x-like with version and slug")]
    public async Task RegisterAsync_IntrospectionRefused_RegistersWithThe64FieldsAfterOneWarning(string variantName)
    {
        // OpenCTI refuses introspection with "GraphQL introspection not authorized!" when the playground or introspection is
        // disabled (some versions match __type as well as __schema).
        using var platform = new FakeOpenCtiPlatform(schema: OpenCtiSchemaVariant.ByName(variantName));
        platform.RespondError(FakeOpenCtiPlatform.Introspection, "GraphQL introspection not authorized!", "FORBIDDEN_ACCESS", priority: 0);
        using var services = platform.BuildServices(more: Logs);

        var registration = await services.GetRequiredService<ConnectorSession>().EnsureRegisteredAsync(CancellationToken.None);

        registration.ConnectorId.Should().Be(FakeOpenCtiPlatform.ConnectorId);
        platform.ValidationFailures.Should().BeEmpty();
        SentInput(platform).EnumerateObject().Select(p => p.Name).Should().Equal(
            "id", "name", "type", "scope", "auto", "only_contextual", "playbook_compatible");
        platform.Requests(FakeOpenCtiPlatform.Introspection).Should().HaveCount(1, "a refusal is not transient");
        var warning = _logs.Events.Where(e => e.Level >= LogLevel.Warning).Should().ContainSingle().Subject;
        warning.Id.Id.Should().Be(SchemaUnknownEventId);
        warning.Message.Should().Contain("GraphQL introspection not authorized!").And.NotContain("\n");
    }

    [Fact]
    public async Task RegisterAsync_IntrospectionAnswersNoTypes_FallsBackTo64Fields()
    {
        _platform.RespondData(FakeOpenCtiPlatform.Introspection, """{"input":null,"config":null}""", priority: 0);
        using var services = _platform.BuildServices(more: Logs);

        await services.GetRequiredService<ConnectorSession>().EnsureRegisteredAsync(CancellationToken.None);

        SentInput(_platform).TryGetProperty("auto_update", out _).Should().BeFalse();
        _logs.Count(SchemaUnknownEventId).Should().Be(1);
    }

    [Fact]
    public async Task ReregisterAsync_AfterDeletion_DoesNotIntrospectAgain()
    {
        using var services = _platform.BuildServices();
        var session = services.GetRequiredService<ConnectorSession>();

        await session.EnsureRegisteredAsync(CancellationToken.None);
        await session.ReregisterAsync(CancellationToken.None);

        _platform.Requests(FakeOpenCtiPlatform.Register).Should().HaveCount(2);
        _platform.Requests(FakeOpenCtiPlatform.Introspection).Should().HaveCount(1);
    }

    [Fact]
    public async Task EnsureRegisteredAsync_CalledTwice_RegistersOnce()
    {
        using var services = _platform.BuildServices();
        var session = services.GetRequiredService<ConnectorSession>();

        await session.EnsureRegisteredAsync(CancellationToken.None);
        await session.EnsureRegisteredAsync(CancellationToken.None);

        _platform.Requests(FakeOpenCtiPlatform.Register).Should().HaveCount(1);
        _platform.Requests(FakeOpenCtiPlatform.About).Should().HaveCount(1);
    }

    public void Dispose()
    {
        _platform.Dispose();
        _logs.Dispose();
    }

    /// <summary>The input fields the connector knows how to fill.</summary>
    private static readonly HashSet<string> SendableFields =
    [
        "id", "name", "type", "scope", "auto", "auto_update", "enrichment_resolution", "only_contextual", "playbook_compatible",
        "listen_callback_uri", "version", "slug",
    ];

    private static HashSet<string> InputFieldsOf(OpenCtiSchemaVariant variant) =>
        ((global::GraphQL.Types.IInputObjectGraphType)variant.Schema.AllTypes["RegisterConnectorInput"]!).Fields.Select(f => f.Name).ToHashSet();

    private static JsonElement SentInput(FakeOpenCtiPlatform platform) =>
        FakeOpenCtiPlatform.Variables(platform.Requests(FakeOpenCtiPlatform.Register).Last()).GetProperty("input");

    private static string SentQuery(FakeOpenCtiPlatform platform)
    {
        using var body = JsonDocument.Parse(platform.Requests(FakeOpenCtiPlatform.Register).Last().RequestMessage.Body!);
        return body.RootElement.GetProperty("query").GetString()!;
    }

    private static OpenCtiClientOptions Options()
    {
        var options = HostConfigured.Apply(new OpenCtiClientOptions { ConnectorId = FakeOpenCtiPlatform.ConnectorId, ConnectorName = "TAXII2", Version = "0.1.0" });
        options.ConnectorScope.Add("indicator");
        return options;
    }

    private void Logs(IServiceCollection services) => services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
}
