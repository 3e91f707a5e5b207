using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration;
using TaxiiConnector.Hosting;
using TaxiiConnector.Server.Push;
using TaxiiConnector.Sources.TaxiiPush;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Sources.TaxiiPush;

/// <summary>The push server's options come from the <c>taxii_push</c> section alone (no mapper, no default of their own).</summary>
public sealed class TaxiiPushHostOptionsSetupTests : IDisposable
{
    private const string CollectionA = "6f2a1c3e-8d4b-4e5f-9a0b-1c2d3e4f5a6b";
    private const string CollectionB = "0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e";
    private readonly TestConfiguration _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void Configure_CompactEnvironment_UsersCollectionsAndTheSectionsDefaults()
    {
        var data = Path.Combine(_config.Directory, "data");
        var options = HostOptions(TestConfiguration.With(
            ("TAXII_PUSH_ENABLED", "true"),
            ("CONNECTOR_DATA_DIR", data),
            ("TAXII_PUSH_COLLECTIONS", $"{CollectionA}:Partner feed,{CollectionB}"),
            ("TAXII_PUSH_USERS", $"alice:pa:ss@word@{CollectionA}, token:tok-123@*")));

        options.ApiRoot.Should().Be("push");
        options.Title.Should().Be("TaxiiConnector push endpoint");
        options.ApiRootTitle.Should().Be("TaxiiConnector push API root");
        options.MaxContentLength.Should().Be(10 * 1024 * 1024);
        options.ListenAddress.Should().Be(IPAddress.Any);
        options.Port.Should().Be(5001);
        options.Certificate.Should().BeNull();
        options.SpoolDirectory.Should().Be(Path.Combine(data, "push-spool"));
        options.Collections.Select(c => (c.Id, c.Title)).Should().Equal((CollectionA, "Partner feed"), (CollectionB, CollectionB));
        options.Users.Select(u => (u.Name, u.Password, u.BearerToken)).Should().Equal(("alice", "pa:ss@word", null), ("token-2", null, "tok-123"));
        options.Users[0].CanWrite(CollectionA).Should().BeTrue();
        options.Users[0].CanWrite(CollectionB).Should().BeFalse();
        options.Users[1].CanWrite(CollectionB).Should().BeTrue();
    }

    [Fact]
    public void Configure_YamlLists_UsersAndTheCollectionsAttribution()
    {
        var spool = Path.Combine(_config.Directory, "spool");
        var options = HostOptions(TestConfiguration.ValidEnvironment, $"""
            taxii_push:
              enabled: true
              listen_url: http://127.0.0.1:0
              api_root: partners
              title: Partners
              max_content_length: 4096
              spool_path: {spool}
              copy_confidence_to_score: true
              create_author: true
              author_name: Default Org
              author_reliability: C - Fairly reliable
              collections:
                - id: {CollectionA}
                  title: Partner A
                  author_name: Partner A Org
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

        options.ApiRoot.Should().Be("partners");
        options.Title.Should().Be("Partners");
        options.MaxContentLength.Should().Be(4096);
        options.ListenAddress.Should().Be(IPAddress.Loopback);
        options.Port.Should().Be(0);
        options.SpoolDirectory.Should().Be(spool);
        options.Collections.Should().HaveCount(2);
        options.Collections[0].Should().Be(new TaxiiPushCollection(CollectionA, "Partner A")
        {
            AuthorName = "Partner A Org",
            AuthorReliability = "C - Fairly reliable",
            CopyConfidenceToScore = false,
        });
        options.Collections[1].AuthorName.Should().Be("Default Org", "a collection without an author takes the section's");
        options.Collections[1].CopyConfidenceToScore.Should().BeTrue();
        options.Users.Select(u => (u.Name, u.Password, u.BearerToken)).Should().Equal(("alice", "alice-secret", null), ("partner", null, "partner-token"));
        options.Users[1].Collections.Should().Equal("*");
    }

    private TaxiiPushHostOptions HostOptions(IReadOnlyDictionary<string, string?> environment, string? yaml = null)
    {
        var invocation = _config.Invocation(environment, yaml);
        var configuration = ConnectorConfiguration.Build(invocation);
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddConnectorCore(configuration, invocation)
            .AddTaxiiPush(configuration)
            .BuildServiceProvider();
        StartupValidation.Collect(provider).Should().BeEmpty();
        return provider.GetRequiredService<IOptions<TaxiiPushHostOptions>>().Value;
    }
}
