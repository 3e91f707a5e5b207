using System.Text.Json;
using TaxiiConnector.Cli;
using TaxiiConnector.IntegrationTests.Infrastructure;
using TaxiiConnector.Server.Hosting;
using TaxiiConnector.Server.SampleData;

namespace TaxiiConnector.IntegrationTests.Pipeline;

/// <summary>The <c>demo</c>, <c>run --dry-run</c> and <c>discover</c> commands, run in-process as the entry point runs them.</summary>
public sealed class CommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Demo_TwoRuns_FirstWritesEveryObjectWithTheOptionsOnAndSecondImportsNothingNew()
    {
        using var work = new TempDirectory();
        var output = work.Combine("demo-output");

        var first = await RunAsync(["demo", "--output", output], new Dictionary<string, string?>());

        first.ExitCode.Should().Be(0, first.Error + first.Log);
        var demoIds = DemoObjectIds();
        first.Out.Should().Contain($"objects in      {demoIds.Count}").And.Contain("collections     1").And.Contain(output);
        var files = BundleFiles.List(output);
        files.Should().NotBeEmpty();
        var objects = ReadObjects(output);
        objects.Select(o => o.GetProperty("id").GetString()).Should().Contain(demoIds);
        var indicators = objects.Where(o => o.GetProperty("type").GetString() == "indicator").ToList();
        indicators.Should().NotBeEmpty();
        indicators.Should().OnlyContain(o => HasDemoOptionsApplied(o));
        File.Exists(Path.Combine(output, "state.json")).Should().BeTrue();

        var second = await RunAsync(["demo", "--output", output], new Dictionary<string, string?>());

        second.ExitCode.Should().Be(0, second.Error + second.Log);
        second.Out.Should().Contain("0 new objects").And.Contain("objects in      0");
        BundleFiles.List(output).Should().Equal(files);
    }

    [Fact]
    public async Task RunOnceDryRun_AgainstAServer_WritesBundlesAndStateToTheOutputDirectory()
    {
        var collection = new TestCollection(45);
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = collection.CreateStore(), DefaultPageSize = 20 });
        using var work = new TempDirectory();
        var output = work.Combine("out");

        var result = await RunAsync(["run", "--once", "--dry-run", "--output", output], Environment(server));

        result.ExitCode.Should().Be(0, result.Error + result.Log);
        BundleFiles.Objects(output).Where(o => o.Type == "indicator").Select(o => o.Id).Should().BeEquivalentTo(collection.ObjectIds);
        (await File.ReadAllTextAsync(Path.Combine(output, "state.json"))).Should().Contain($"taxii2|{server.ApiRootUrl.AbsoluteUri}|{collection.Id}");
    }

    [Fact]
    public async Task RunDryRun_Scheduled_RunsAtStartWritesBundlesAndStopsCleanlyWhenCancelled()
    {
        var collection = new TestCollection(25);
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = collection.CreateStore(), DefaultPageSize = 10 });
        using var work = new TempDirectory();
        var output = work.Combine("out");
        using var stop = new CancellationTokenSource();
        using var log = new StringWriter();
        var environment = Environment(server);
        environment["CONNECTOR_DURATION_PERIOD"] = "PT1H";

        var running = ConnectorApp.RunAsync(["run", "--dry-run", "--output", output], environment,
            new CommandOutput(TextWriter.Null, TextWriter.Null) { Log = log }, stop.Token);
        await Eventually.HoldsAsync(
            () => BundleFiles.Objects(output).Count(o => o.Type == "indicator") == collection.Count || running.IsCompleted,
            "the first scheduled run wrote every object");
        running.IsCompleted.Should().BeFalse("the service keeps running between runs: " + log);
        await stop.CancelAsync();
        await running.WaitAsync(Patience);

        BundleFiles.Objects(output).Where(o => o.Type == "indicator").Select(o => o.Id).Should().BeEquivalentTo(collection.ObjectIds);
        File.Exists(Path.Combine(output, "state.json")).Should().BeTrue();
    }

    [Fact]
    public async Task RunOnceDryRun_WithStatePath_KeepsTheStateThereAndResumesFromIt()
    {
        var collection = new TestCollection(30);
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = collection.CreateStore(), DefaultPageSize = 20 });
        using var work = new TempDirectory();
        var output = work.Combine("out");
        var statePath = work.Combine("cursors.json");
        var environment = Environment(server);
        environment["STATE_PATH"] = statePath;

        var first = await RunAsync(["run", "--once", "--dry-run", "--output", output], environment);
        var second = await RunAsync(["run", "--once", "--dry-run", "--output", output], environment);

        first.ExitCode.Should().Be(0, first.Error + first.Log);
        second.ExitCode.Should().Be(0, second.Error + second.Log);
        File.Exists(statePath).Should().BeTrue();
        File.Exists(Path.Combine(output, "state.json")).Should().BeFalse();
        BundleFiles.Objects(output).Where(o => o.Type == "indicator").Select(o => o.Id)
            .Should().BeEquivalentTo(collection.ObjectIds).And.OnlyHaveUniqueItems("the second run resumed from the state file");
    }

    [Fact]
    public async Task RunOnceDryRun_ServerAlwaysFailing_ExitsOneWithoutCrashing()
    {
        var collection = new TestCollection(10);
        var plan = new TaxiiConnector.Testing.Faults.ScriptedFaultPlan().When(
            request => request.Endpoint == TaxiiConnector.Testing.Faults.TaxiiEndpoint.Objects,
            TaxiiConnector.Testing.Faults.TaxiiFault.InternalServerError());
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = collection.CreateStore(), ConfigureMiddleware = TaxiiConnector.Testing.Faults.FaultInjectionMiddleware.For(plan) });
        using var work = new TempDirectory();
        var environment = Environment(server);
        environment["TAXII2_MAX_RETRIES"] = "0";

        var result = await RunAsync(["run", "--once", "--dry-run", "--output", work.Combine("out")], environment);

        result.ExitCode.Should().Be(1);
        result.Log.Should().Contain("failed");
        BundleFiles.List(work.Combine("out")).Should().BeEmpty();
    }

    [Fact]
    public async Task Discover_AgainstAServer_PrintsEachCollectionWithItsSelectingEntry()
    {
        var collection = new TestCollection(1, title: "Partner.feed v2");
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = collection.CreateStore() });

        var result = await RunAsync(["discover"], Environment(server));

        result.ExitCode.Should().Be(0, result.Error + result.Log);
        result.Out.Should().Contain(server.ApiRootUrl.AbsoluteUri).And.Contain(collection.Id).And.Contain("Partner.feed v2");
    }

    private static Dictionary<string, string?> Environment(TaxiiServerHost server) => new()
    {
        ["TAXII2_DISCOVERY_URL"] = server.DiscoveryUrl.AbsoluteUri,
        ["TAXII2_INITIAL_HISTORY"] = "87600",
        ["CONNECTOR_LOG_LEVEL"] = "info",
    };

    private static async Task<(int ExitCode, string Out, string Error, string Log)> RunAsync(string[] args, IReadOnlyDictionary<string, string?> environment)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var log = new StringWriter();
        var code = await ConnectorApp.RunAsync(args, environment, new CommandOutput(output, error) { Log = log }, CancellationToken.None).WaitAsync(Patience);
        return (code, output.ToString(), error.ToString(), log.ToString());
    }

    private static bool HasDemoOptionsApplied(JsonElement indicator) =>
        indicator.GetProperty("labels").EnumerateArray().Any(l => l.GetString() == "taxii-connector-demo")
        && indicator.GetProperty("x_opencti_detection").GetBoolean()
        && indicator.TryGetProperty("created_by_ref", out var author) && author.ValueKind == JsonValueKind.String;

    private static List<string> DemoObjectIds()
    {
        using var stream = DemoDataSet.OpenBundle();
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()!)];
    }

    private static List<JsonElement> ReadObjects(string directory) =>
        [.. BundleFiles.List(directory).SelectMany(file =>
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            return document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.Clone()).ToList();
        })];
}
