using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.Cli;
using TaxiiConnector.IntegrationTests.Infrastructure;
using TaxiiConnector.IntegrationTests.Observability;
using TaxiiConnector.OpenCti.Tests.Amqp;
using TaxiiConnector.Server.Hosting;
using TaxiiConnector.Sources;
using Xunit.Abstractions;
using static TaxiiConnector.IntegrationTests.Holding.ForwardReferenceCollection;

namespace TaxiiConnector.IntegrationTests.Holding;

/// <summary>
/// The real host against the project's TAXII server and a real RabbitMQ node, publishing as pycti does (AMQP sink). The
/// Python connector sends a collection's delta as one bundle, which pycti's splitter orders by dependency
/// (<c>OpenCTIStix2Splitter.split_bundle_with_expectations</c>: ascending <c>nb_deps</c>); the connector pages, so it holds
/// an object back until what it references was sent.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class ForwardReferencesAmqpTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly RabbitMqNodeFixture _broker;
    private readonly ITestOutputHelper _output;

    public ForwardReferencesAmqpTests(RabbitMqNodeFixture broker, ITestOutputHelper output)
    {
        _broker = broker;
        _output = output;
    }

    [Fact]
    public async Task Run_RelationshipsOnPage1TargetsOnLaterPages_EveryTargetIsPublishedBeforeItsSource()
    {
        await AmqpPushQueue.DeclareEmptyAsync(_broker);
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = CreateStore(), DefaultPageSize = PageSize });
        using var platform = FakeOpenCti.Working(_broker.Port);
        using var data = new TempDirectory();

        var (exitCode, _) = await RunAsync(server, platform, data);

        var messages = await AmqpPushQueue.DrainAsync(_broker);
        exitCode.Should().Be(0);
        var order = messages.Select(m => m.Object["id"]!.GetValue<string>()).ToList();
        _output.WriteLine(string.Join('\n', order));
        var collectionIds = Objects.Select(o => JsonNode.Parse(o)!["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        order.Should().Contain(collectionIds, "every object is delivered");
        for (var position = 0; position < messages.Count; position++)
        {
            foreach (var target in References(messages[position].Object).Where(collectionIds.Contains))
            {
                order.IndexOf(target).Should().BeLessThan(position, $"{target} is published before {order[position]}, which references it");
            }
        }

        // Targets that never come: those relationships go at the collection's end, after everything else of it.
        var lastOther = order.FindLastIndex(id => collectionIds.Contains(id) && !id.StartsWith("relationship--00000000-0000-4000-8000-4", StringComparison.Ordinal));
        Enumerable.Range(0, 5).Select(k => order.IndexOf(RelationshipToNever(k))).Should().OnlyContain(index => index > lastOther);
        Directory.EnumerateFiles(data.Combine("held-objects"), "*", SearchOption.AllDirectories).Should().BeEmpty(
            "every held object was acknowledged, so its spool entry is gone");
    }

    [Fact]
    public async Task Run_PlatformIncompatibleContent_PublishedMessagesAreWhatPyctiWouldPublish()
    {
        await AmqpPushQueue.DeclareEmptyAsync(_broker);
        var objects = Tests.Pipeline.Cleanup.PlatformCleanupCollection.Objects;
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions
        {
            Store = CreateStore(objects, "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6", "Cleanup"),
            DefaultPageSize = 100,
        });
        using var platform = FakeOpenCti.Working(_broker.Port);
        using var data = new TempDirectory();

        var (exitCode, options) = await RunAsync(server, platform, data);

        exitCode.Should().Be(0);
        var messages = await AmqpPushQueue.DrainAsync(_broker);

        // pycti's splitter applied by hand to this run's transformed objects (PlatformCleanupTests' class comment cites
        // opencti_stix2_splitter.py for each edit).
        var expected = Tests.Pipeline.Cleanup.PlatformCleanupCollection.ExpectedAfterPyctiCleanup(options);
        var inputIds = Tests.Pipeline.Cleanup.PlatformCleanupCollection.Transformed(options).Keys.ToHashSet(StringComparer.Ordinal);
        var published = messages.Select(m => m.Object).Where(o => inputIds.Contains(o["id"]!.GetValue<string>())).ToList();
        messages.Select(m => m.Object["type"]!.GetValue<string>()).Where((_, i) => !inputIds.Contains(messages[i].Object["id"]!.GetValue<string>()))
            .Should().NotContain(type => type != "identity" && type != "marking-definition", "besides the collection, only the objects every bundle carries");
        published.Select(o => o["id"]!.GetValue<string>()).Should().BeEquivalentTo(expected.Keys);
        foreach (var item in published)
        {
            var id = item["id"]!.GetValue<string>();
            var withoutSplitterKey = item.DeepClone().AsObject();
            withoutSplitterKey.Remove("nb_deps");
            JsonNode.DeepEquals(withoutSplitterKey, expected[id]).Should().BeTrue($"{id} is published as {expected[id].ToJsonString()}, not {item.ToJsonString()}");
        }

        foreach (var (message, bundle, _) in messages)
        {
            message["bundle_type"]!.GetValue<string>().Should().Be("QUEUE_BUNDLE");
            bundle["type"]!.GetValue<string>().Should().Be("bundle");
        }
    }

    private async Task<(int ExitCode, Stix.Transform.StixTransformerOptions Options)> RunAsync(TaxiiServerHost server, FakeOpenCti platform,
        TempDirectory data)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["OPENCTI_URL"] = platform.Url.AbsoluteUri,
            ["OPENCTI_TOKEN"] = "0b7a1f52-token",
            ["CONNECTOR_ID"] = FakeOpenCti.ConnectorId,
            ["CONNECTOR_QUEUE_PROTOCOL"] = "amqp",
            ["CONNECTOR_DATA_DIR"] = data.Path,
            ["CONNECTOR_LOG_LEVEL"] = "info",
            ["MQ_HOST"] = "127.0.0.1",
            ["MQ_PORT"] = _broker.Port.ToString(CultureInfo.InvariantCulture),
            ["MQ_USER"] = "guest",
            ["MQ_PASS"] = "guest",
            ["TAXII2_DISCOVERY_URL"] = server.DiscoveryUrl.AbsoluteUri,
            ["TAXII2_INITIAL_HISTORY"] = "87600",
        };
        await using var host = ObservedConnectorHost.Create(environment, new ConnectorInvocation { Command = "run", Once = true });
        var options = host.Services.GetServices<IConnectorSource>().Single().TransformOptions;
        var exitCode = await host.RunToEndAsync(Patience);
        _output.WriteLine(host.LogOutput.ToString());
        return (exitCode, options);
    }
}
