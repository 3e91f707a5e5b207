using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using TaxiiConnector.Cli;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Cli;

/// <summary>
/// <c>serve</c>: the built-in TAXII 2.1 server on its own, in-process; the test's cancellation stands in for Ctrl-C.
/// </summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private const string Accept = "application/taxii+json;version=2.1";
    private const string IndicatorId = "indicator--5f0a4c4e-2f3b-4f43-9e64-7c1b1f2e8a10";

    private readonly TestConfiguration _config = new();
    private readonly ConcurrentLogWriter _out = new();
    private readonly ConcurrentLogWriter _error = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Serve_DataFileOnPortZero_AnswersDiscoveryAndTheFileAsOneCollectionUntilCancelled()
    {
        var file = _config.WriteYaml(Bundle(), "sample-feed.json");
        using var stop = new CancellationTokenSource();

        var serving = ConnectorApp.RunAsync(["serve", "--data", file, "--port", "0"], new Dictionary<string, string?>(), new CommandOutput(_out, _error), stop.Token);
        var discovery = await DiscoveryUrlAsync(serving);

        using var discoveryResponse = await GetAsync(discovery);
        using var collections = await GetJsonAsync(new Uri(discovery, "/api1/collections/"));
        var collection = collections.RootElement.GetProperty("collections").EnumerateArray().Should().ContainSingle().Subject;
        var collectionId = collection.GetProperty("id").GetString();
        using var one = await GetJsonAsync(new Uri(discovery, $"/api1/collections/{collectionId}/objects/{IndicatorId}/"));
        await stop.CancelAsync();
        var exitCode = await serving.WaitAsync(TimeSpan.FromSeconds(30));

        discoveryResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        discoveryUrlIsLoopback(discovery).Should().BeTrue("serve binds 127.0.0.1 unless --bind says otherwise");
        collection.GetProperty("title").GetString().Should().Be("sample-feed");
        one.RootElement.GetProperty("objects")[0].GetProperty("id").GetString().Should().Be(IndicatorId);
        exitCode.Should().Be(0, _error.ToString());
        _out.ToString().Should().MatchRegex(@"TAXII2_INITIAL_HISTORY=\d+ ", "the object is from January 2026, beyond a first run's default 24 hours");

        static bool discoveryUrlIsLoopback(Uri url) => IPAddress.IsLoopback(IPAddress.Parse(url.Host));
    }

    [Fact]
    public async Task Serve_DirectoryWithABundleAndAnArray_ServesOneCollectionPerFile()
    {
        var directory = Path.Combine(_config.Directory, "feeds");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "a-bundle.json"), Bundle());
        await File.WriteAllTextAsync(Path.Combine(directory, "b-array.json"), "[" + Indicator() + "]");
        using var stop = new CancellationTokenSource();

        var serving = ConnectorApp.RunAsync(["serve", "--data", directory, "--port", "0"], new Dictionary<string, string?>(), new CommandOutput(_out, _error), stop.Token);
        var discovery = await DiscoveryUrlAsync(serving);
        using var collections = await GetJsonAsync(new Uri(discovery, "/api1/collections/"));
        await stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(30));

        collections.RootElement.GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("title").GetString())
            .Should().Equal("a-bundle", "b-array");
    }

    [Theory]
    [InlineData("--port", "eighty")]
    [InlineData("--bind", "localhost:5000")]
    [InlineData("--verbose", "yes")]
    public async Task Serve_WrongArgument_ExitsTwoWithOneLine(string name, string value)
    {
        var exitCode = await ConnectorApp.RunAsync(["serve", name, value], new Dictionary<string, string?>(), new CommandOutput(_out, _error), CancellationToken.None);

        exitCode.Should().Be(2);
        _error.ToString().Should().Contain(name);
    }

    [Fact]
    public async Task Serve_MissingDataFile_ExitsOneNamingIt()
    {
        var exitCode = await ConnectorApp.RunAsync(["serve", "--data", Path.Combine(_config.Directory, "absent.json")], new Dictionary<string, string?>(), new CommandOutput(_out, _error), CancellationToken.None);

        exitCode.Should().Be(1);
        _error.ToString().Should().Contain("absent.json");
    }

    public void Dispose()
    {
        _http.Dispose();
        _config.Dispose();
        _out.Dispose();
        _error.Dispose();
    }

    /// <summary>The discovery URL the command printed once it listens (it prints nothing before).</summary>
    private async Task<Uri> DiscoveryUrlAsync(Task<int> serving)
    {
        await Eventually.HoldsAsync(() => serving.IsCompleted || DiscoveryLine().IsMatch(_out.ToString()), "serve prints its discovery URL");
        serving.IsCompleted.Should().BeFalse("serve stopped early: " + _error);
        return new Uri(DiscoveryLine().Match(_out.ToString()).Groups["url"].Value);
    }

    private Task<HttpResponseMessage> GetAsync(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", Accept);
        return _http.SendAsync(request);
    }

    private async Task<JsonDocument> GetJsonAsync(Uri url)
    {
        using var response = await GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, url.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
    }

    private static string Indicator() =>
        $$"""{"type":"indicator","spec_version":"2.1","id":"{{IndicatorId}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '203.0.113.9']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"}""";

    private static string Bundle() =>
        $$"""{"type":"bundle","id":"bundle--0e5b1b9e-8a43-4d5b-9a50-3a7a3c6b1f00","objects":[{{Indicator()}}]}""";

    [GeneratedRegex(@"discovery (?<url>http://\S+/taxii2/)")]
    private static partial Regex DiscoveryLine();
}
