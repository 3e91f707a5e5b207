using System.Net;
using Microsoft.Extensions.Configuration;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Sources.TaxiiPush;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Sources.TaxiiPush;

public sealed class TaxiiPushOptionsTests : IDisposable
{
    private const string CollectionA = "6f2a1c3e-8d4b-4e5f-9a0b-1c2d3e4f5a6b";
    private const string CollectionB = "0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e";
    private readonly TestConfiguration _config = new();

    [Fact]
    public void Read_NothingSet_DisabledWithoutProblems()
    {
        var (options, problems) = ReadEnvironment();

        options.IsEnabled.Should().BeFalse();
        problems.Should().BeEmpty();
    }

    [Fact]
    public void Read_CompactEnvironmentForms_CollectionsAndUsersParsed()
    {
        var (options, problems) = ReadEnvironment(
            ("TAXII_PUSH_ENABLED", "yes"),
            ("TAXII_PUSH_COLLECTIONS", $"{CollectionA}:Partner feed , {CollectionB}"),
            ("TAXII_PUSH_USERS", $"alice:pa:ss@word@{CollectionA}|{CollectionB}, token:tok-123@*"));

        problems.Should().BeEmpty();
        options.IsEnabled.Should().BeTrue();
        options.Collections.Should().Equal(new PushCollectionSetting(CollectionA, "Partner feed"), new PushCollectionSetting(CollectionB, CollectionB));
        options.Users.Should().HaveCount(2);
        options.Users[0].Name.Should().Be("alice");
        options.Users[0].Password.Should().Be("pa:ss@word", "the name ends at the first ':' and the secret at the last '@'");
        options.Users[0].BearerToken.Should().BeNull();
        options.Users[0].Collections.Should().Equal(CollectionA, CollectionB);
        options.Users[1].Name.Should().Be("token-2");
        options.Users[1].BearerToken.Should().Be("tok-123");
        options.Users[1].Password.Should().BeNull();
        options.Users[1].Collections.Should().Equal("*");
    }

    [Fact]
    public void Read_YamlListsOfMaps_EveryFieldParsed()
    {
        var (options, problems) = ReadYaml($"""
            taxii_push:
              enabled: true
              listen_url: https://127.0.0.1:8443
              cert_path: {WriteFile("push.pfx")}
              cert_password: pfx-secret
              api_root: partners
              max_content_length: 2048
              spool_path: /var/lib/spool
              copy_confidence_to_score: true
              author_name: Default Org
              create_author: true
              collections:
                - id: {CollectionA}
                  title: Partner A
                  description: What partner A shares
                  author_name: Partner A Org
                  author_reliability: B - Usually reliable
                  copy_confidence_to_score: false
                - id: {CollectionB}
              users:
                - name: alice
                  password: alice-secret
                  collections: [{CollectionA}]
                - name: partner
                  token: partner-token
                  collections: '*'
            """);

        problems.Should().BeEmpty();
        options.ListenAddress.Should().Be(IPAddress.Loopback);
        options.ListenPort.Should().Be(8443);
        options.UseHttps.Should().BeTrue();
        options.ApiRoot.Should().Be("partners");
        options.MaxContentLength.Should().Be(2048);
        options.SpoolPath.Should().Be("/var/lib/spool");
        options.CertPassword.Should().Be("pfx-secret");
        options.Collections.Should().HaveCount(2);
        options.Collections[0].Should().Be(new PushCollectionSetting(CollectionA, "Partner A")
        {
            Description = "What partner A shares",
            AuthorName = "Partner A Org",
            AuthorReliability = "B - Usually reliable",
            CopyConfidenceToScore = false,
        });
        options.Users.Select(u => (u.Name, u.Password, u.BearerToken)).Should().Equal(("alice", "alice-secret", null), ("partner", null, "partner-token"));
        options.Users[0].Collections.Should().Equal(CollectionA);
        options.Users[1].Collections.Should().Equal("*");

        var first = TransformerDefaults.ForPushCollection(options, options.Collections[0].Id);
        first.CreateAuthor.Should().BeTrue();
        first.AuthorName.Should().Be("Partner A Org");
        first.AuthorReliability.Should().Be("B - Usually reliable");
        first.CopyConfidenceToScore.Should().BeFalse("the collection's own setting wins");
        var second = TransformerDefaults.ForPushCollection(options, options.Collections[1].Id);
        second.AuthorName.Should().Be("Default Org", "a collection without an author takes the section's");
        second.CopyConfidenceToScore.Should().BeTrue();
    }

    [Fact]
    public void Read_Defaults_MatchTheDocumentedKeys()
    {
        var (options, problems) = ReadEnvironment(("TAXII_PUSH_ENABLED", "true"), ("TAXII_PUSH_COLLECTIONS", CollectionA), ("TAXII_PUSH_USERS", "alice:pw@*"));

        problems.Should().BeEmpty();
        options.ListenAddress.Should().Be(IPAddress.Any);
        options.ListenPort.Should().Be(5001);
        options.UseHttps.Should().BeFalse();
        options.ApiRoot.Should().Be("push");
        options.MaxContentLength.Should().Be(10 * 1024 * 1024);
        options.SpoolPath.Should().BeNull();
        options.SpoolDirectory(new ConnectorOptions()).Should().Be(Path.Combine("./data", "push-spool"));
        TransformerDefaults.ForPushCollection(options, options.Collections[0].Id).CreateAuthor.Should().BeFalse();
        TransformerDefaults.ForPushCollection(options, options.Collections[0].Id).CopyConfidenceToScore.Should().BeFalse();
    }

    [Theory]
    [InlineData("http://0.0.0.0:5001", "0.0.0.0", 5001)]
    [InlineData("http://*:8080", "0.0.0.0", 8080)]
    [InlineData("http://+:8080", "0.0.0.0", 8080)]
    [InlineData("http://[::]:5001", "::", 5001)]
    [InlineData("http://localhost:0", "127.0.0.1", 0)]
    [InlineData("http://127.0.0.1:0/", "127.0.0.1", 0)]
    [InlineData("http://192.0.2.10", "192.0.2.10", 80)]
    public void Read_ListenUrl_AddressAndPortForKestrel(string listenUrl, string address, int port)
    {
        var (options, problems) = ReadEnvironment(
            ("TAXII_PUSH_ENABLED", "true"), ("TAXII_PUSH_COLLECTIONS", CollectionA), ("TAXII_PUSH_USERS", "alice:pw@*"), ("TAXII_PUSH_LISTEN_URL", listenUrl));

        problems.Should().BeEmpty();
        options.ListenAddress.Should().Be(IPAddress.Parse(address));
        options.ListenPort.Should().Be(port);
    }

    [Theory]
    [InlineData("TAXII_PUSH_USERS", "alice-without-secret", "entry 1", "NAME:PASSWORD@COLLECTIONS")]
    [InlineData("TAXII_PUSH_USERS", "alice:hunter2-secret", "entry 1 ('alice')", "NAME:PASSWORD@COLLECTIONS")]
    [InlineData("TAXII_PUSH_USERS", "alice:hunter2-secret@", "entry 1 ('alice')", "no collection")]
    [InlineData("TAXII_PUSH_USERS", "alice:@*", "entry 1 ('alice')", "password is empty")]
    [InlineData("TAXII_PUSH_USERS", "token:@*", "entry 1", "token is empty")]
    [InlineData("TAXII_PUSH_USERS", "alice:hunter2-secret@unknown-collection", "user 'alice'", "'unknown-collection' is not one of")]
    [InlineData("TAXII_PUSH_USERS", "alice:hunter2-secret@*,alice:other-secret@*", "'alice'", "listed 2 times")]
    [InlineData("TAXII_PUSH_USERS", "token:hunter2-secret@*,token:hunter2-secret@*", "'token-1', 'token-2'", "share one token")]
    [InlineData("TAXII_PUSH_COLLECTIONS", ":No id", "entry 1", "collection id")]
    [InlineData("TAXII_PUSH_COLLECTIONS", "a/b:Slash", "'a/b'", "not a usable collection id")]
    [InlineData("TAXII_PUSH_LISTEN_URL", "http://push.example.com:5001", "push.example.com", "not an IP address")]
    [InlineData("TAXII_PUSH_LISTEN_URL", "ftp://0.0.0.0:21", "ftp://0.0.0.0:21", "http(s)://ADDRESS:PORT")]
    [InlineData("TAXII_PUSH_LISTEN_URL", "https://0.0.0.0:8443", "TAXII_PUSH_CERT_PATH", "is required with an https://")]
    [InlineData("TAXII_PUSH_API_ROOT", "taxii2", "'taxii2'", "one URL segment")]
    [InlineData("TAXII_PUSH_MAX_CONTENT_LENGTH", "12", "'12'", "out of range")]
    [InlineData("TAXII_PUSH_COPY_CONFIDENCE_TO_SCORE", "perhaps", "'perhaps'", "not a boolean")]
    public void Validate_BadValue_OneLineNamingVariableAndYamlKeyWithoutSecrets(string variable, string value, string names, string says)
    {
        var environment = new Dictionary<string, string?>
        {
            ["TAXII_PUSH_ENABLED"] = "true",
            ["TAXII_PUSH_COLLECTIONS"] = CollectionA,
            ["TAXII_PUSH_USERS"] = "bob:bob-secret@*",
            [variable] = value,
        };

        var (_, problems) = ReadEnvironment([.. environment.Select(pair => (pair.Key, pair.Value))]);

        var yamlKey = ConfigSections.FindByEnvironmentVariable(variable)!.YamlKey;
        problems.Should().ContainSingle().Which.Should().Contain(variable).And.Contain(yamlKey).And.Contain(names).And.Contain(says);
        problems.Single().Should().NotContain("secret");
    }

    [Fact]
    public void Validate_EnabledWithoutCollectionsOrUsers_OneLineEach()
    {
        var (_, problems) = ReadEnvironment(("TAXII_PUSH_ENABLED", "true"));

        problems.Should().HaveCount(2);
        problems.Should().Contain(line => line.StartsWith("TAXII_PUSH_COLLECTIONS (taxii_push.collections): is required", StringComparison.Ordinal));
        problems.Should().Contain(line => line.StartsWith("TAXII_PUSH_USERS (taxii_push.users): is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_YamlEntryProblems_NameThePositionAndTheField()
    {
        var (_, problems) = ReadYaml($"""
            taxii_push:
              enabled: true
              collections:
                - title: No id here
                - id: {CollectionA}
                  titel: typo
              users:
                - name: carol
                  collections: ['*']
                - password: nameless-secret
                  collections: ['*']
                - name: dave
                  password: dave-secret
            """);

        problems.Should().BeEquivalentTo(
            "TAXII_PUSH_COLLECTIONS (taxii_push.collections): entry 1: 'id' is required",
            "TAXII_PUSH_COLLECTIONS (taxii_push.collections): entry 2: unknown field(s) titel (known: id, title, description, author_name, author_reliability, copy_confidence_to_score)",
            "TAXII_PUSH_USERS (taxii_push.users): entry 1 ('carol'): needs a 'password' (HTTP Basic) or a 'token' (bearer)",
            "TAXII_PUSH_USERS (taxii_push.users): entry 2: 'name' is required",
            "TAXII_PUSH_USERS (taxii_push.users): entry 3 ('dave'): 'collections' is empty (list the collection ids, or * for every collection)");
    }

    [Fact]
    public void Validate_CertificateFiles_CheckedAtStart()
    {
        var (_, problems) = ReadEnvironment(
            ("TAXII_PUSH_ENABLED", "true"),
            ("TAXII_PUSH_COLLECTIONS", CollectionA),
            ("TAXII_PUSH_USERS", "alice:pw@*"),
            ("TAXII_PUSH_LISTEN_URL", "https://0.0.0.0:8443"),
            ("TAXII_PUSH_CERT_PATH", "/nonexistent/push.pem"),
            ("TAXII_PUSH_CERT_PASSWORD", "pem-has-no-password"));

        problems.Should().BeEquivalentTo(
            "TAXII_PUSH_CERT_PATH (taxii_push.cert_path): the file '/nonexistent/push.pem' does not exist",
            "TAXII_PUSH_CERT_PASSWORD (taxii_push.cert_password): needs a PFX/P12 TAXII_PUSH_CERT_PATH (taxii_push.cert_path)");
    }

    [Fact]
    public void StartupValidation_PushAlone_CountsAsASource()
    {
        var problems = _config.Problems(new Dictionary<string, string?>
        {
            ["OPENCTI_URL"] = "http://opencti:8080",
            ["OPENCTI_TOKEN"] = "0b23f787-d013-41a8-8078-97bee84cc99d",
            ["CONNECTOR_ID"] = "5c1b0a4e-6b88-4f0b-9c55-7f0e1d2c3b4a",
            ["TAXII_PUSH_ENABLED"] = "true",
            ["TAXII_PUSH_COLLECTIONS"] = CollectionA,
            ["TAXII_PUSH_USERS"] = "alice:pw@*",
        });

        problems.Should().BeEmpty();
    }

    [Fact]
    public void StartupValidation_NoSource_NamesThePushSwitchToo()
    {
        var problems = _config.Problems(new Dictionary<string, string?> { ["OPENCTI_URL"] = "http://opencti:8080", ["OPENCTI_TOKEN"] = "t" });

        problems.Should().Contain(line => line.Contains("TAXII2_DISCOVERY_URL") && line.Contains("taxii2.discovery_url") && line.Contains("TAXII_PUSH_ENABLED (taxii_push.enabled)"));
    }

    [Fact]
    public void EffectiveConfiguration_Users_MaskedInBothForms()
    {
        using var output = new StringWriter();
        var environment = new Dictionary<string, string?>
        {
            ["TAXII_PUSH_ENABLED"] = "true",
            ["TAXII_PUSH_USERS"] = "alice:alice-pass-123@*,token:token-value-456@*",
            ["TAXII_PUSH_CERT_PASSWORD"] = "cert-pass-789",
        };

        EffectiveConfigurationWriter.Write(_config.Build(environment), output);
        EffectiveConfigurationWriter.Write(_config.Build(yaml: """
            taxii_push:
              users:
                - name: bob
                  password: yaml-pass-000
                  collections: '*'
            """), output, allSections: true);

        var text = output.ToString();
        text.Should().Contain("users = ********").And.Contain("users = (1 entries)");
        foreach (var secret in new[] { "alice-pass-123", "token-value-456", "cert-pass-789", "yaml-pass-000" })
        {
            text.Should().NotContain(secret);
        }
    }

    [Fact]
    public void Section_IsRegisteredAsSourceWithSecretKeys()
    {
        ConfigSections.All.Should().Contain(section => section.Name == "taxii_push" && section.IsSource && section.EnabledBy == TaxiiPushOptions.Key(nameof(TaxiiPushOptions.IsEnabled)));
        ConfigSections.FindByEnvironmentVariable("TAXII_PUSH_USERS")!.IsSecret.Should().BeTrue();
        ConfigSections.FindByEnvironmentVariable("TAXII_PUSH_CERT_PASSWORD")!.IsSecret.Should().BeTrue();
        ConfigSections.FindByEnvironmentVariable("TAXII_PUSH_AUTHOR_NAME").Should().NotBeNull("the shared transformer keys are read under taxii_push");
    }

    public void Dispose() => _config.Dispose();

    private string WriteFile(string name) => _config.WriteYaml("placeholder", name);

    private (TaxiiPushOptions Options, IReadOnlyList<string> Problems) ReadEnvironment(params (string Name, string? Value)[] variables) =>
        Read(_config.Build(variables.ToDictionary(v => v.Name, v => v.Value)));

    private (TaxiiPushOptions Options, IReadOnlyList<string> Problems) ReadYaml(string yaml) => Read(_config.Build(yaml: yaml));

    private static (TaxiiPushOptions Options, IReadOnlyList<string> Problems) Read(IConfiguration configuration)
    {
        var reader = new ConfigSectionReader(configuration);
        var options = new TaxiiPushOptions();
        options.Read(reader);
        options.Validate(new ConfigValidationContext(reader, new ConnectorInvocation()));
        return (options, reader.Problems.Select(p => p.ToString()).ToList());
    }
}
