using System.Net;
using System.Text.RegularExpressions;
using TaxiiConnector.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static TaxiiConnector.IntegrationTests.TaxiiPush.PushConnector;

namespace TaxiiConnector.IntegrationTests.TaxiiPush;

/// <summary>
/// The built connector as a child process (<c>dotnet TaxiiConnector.dll run --dry-run --output DIR</c>, push endpoint only),
/// killed with SIGKILL after it answered 202 and before it could deliver (its output path is a plain file, so the
/// directory sink fails and the consumer keeps retrying), then started again normally: the accepted objects land in DIR
/// and the status, read from the restarted process, is complete.
/// </summary>
public sealed partial class PushCrashRecoveryTests
{
    private const int Objects = 12;
    private readonly ITestOutputHelper _output;

    public PushCrashRecoveryTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Run_KilledAfter202BeforeDelivery_ObjectsDeliveredAfterRestart()
    {
        using var work = new TempDirectory();
        var output = work.Combine("output");
        var environment = PushConnector.Environment(work.Combine("spool"))
            .ToDictionary(pair => pair.Key, pair => pair.Value!);
        string[] arguments = ["run", "--dry-run", "--output", output];
        using var http = PushHttp.CreateClient();

        string statusId;
        using (var first = ConnectorProcess.Start(arguments, environment, work.Path))
        {
            var baseUrl = await WaitForEndpointAsync(first);

            // A file where the output directory should be: every bundle write fails until it is removed. Put there only
            // once the connector runs, since start-up refuses an output path it cannot write.
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            await File.WriteAllTextAsync(output, "not a directory");
            using var response = await http.SendAsync(PushHttp.Post(new Uri(baseUrl, $"push/collections/{CollectionA}/objects/"),
                PushEnvelopes.Utf8(PushEnvelopes.Indicators(Objects)), PushHttp.Basic("alice", AlicePassword)));
            response.StatusCode.Should().Be(HttpStatusCode.Accepted, first.Output);
            statusId = (await PushHttp.ReadJsonAsync(response)).GetProperty("id").GetString()!;

            // The first failed delivery (the sink's failure is final for the push, the spool retries the envelope): the
            // envelope was accepted, and it has not been delivered.
            await Eventually.HoldsAsync(() => first.Output.Contains("Could not deliver push envelope", StringComparison.Ordinal) || first.ExitCode is not null,
                "the first process failed to deliver the envelope", TimeSpan.FromMinutes(2));
            first.ExitCode.Should().BeNull("the first process must be killed while it retries, not exit: " + first.Output);
            first.Kill();
            _output.WriteLine(first.Output);
        }

        File.Delete(output);
        using var second = ConnectorProcess.Start(arguments, environment, work.Path);
        var restartedUrl = await WaitForEndpointAsync(second);
        await Eventually.HoldsAsync(() => BundleFiles.Objects(output).Count(o => o.Type == "indicator") >= Objects || second.ExitCode is not null,
            "the restarted process delivered the spooled objects", TimeSpan.FromMinutes(2));

        second.ExitCode.Should().BeNull(second.Output);
        BundleFiles.Objects(output).Where(o => o.Type == "indicator").Select(o => o.Id).Distinct()
            .Should().BeEquivalentTo(Enumerable.Range(0, Objects).Select(PushEnvelopes.IndicatorId));
        JsonStatus status = default;
        await Eventually.HoldsAsync(() =>
        {
            status = ReadStatus(http, new Uri(restartedUrl, $"push/status/{statusId}/"));
            return status.Status == "complete";
        }, "the restarted process reports the status complete");
        status.SuccessCount.Should().Be(Objects);
        _output.WriteLine(second.Output);
    }

    private static async Task<Uri> WaitForEndpointAsync(ConnectorProcess process)
    {
        Match? match = null;
        await Eventually.HoldsAsync(() =>
        {
            match = DiscoveryLine().Match(process.Output);
            return match.Success || process.ExitCode is not null;
        }, "the push endpoint is listening", TimeSpan.FromMinutes(2));
        match!.Success.Should().BeTrue("the connector logs where the push endpoint listens: " + process.Output);
        return new Uri(match.Groups["base"].Value);
    }

    private static JsonStatus ReadStatus(HttpClient http, Uri url)
    {
        using var response = http.Send(PushHttp.Get(url, PushHttp.Basic("alice", AlicePassword)));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new JsonStatus("http " + (int)response.StatusCode, 0);
        }

        var body = PushHttp.ReadJsonAsync(response).GetAwaiter().GetResult();
        return new JsonStatus(body.GetProperty("status").GetString()!, body.GetProperty("success_count").GetInt32());
    }

    [GeneratedRegex(@"discovery ""?(?<base>http://127\.0\.0\.1:\d+/)taxii2/")]
    private static partial Regex DiscoveryLine();

    private readonly record struct JsonStatus(string Status, int SuccessCount);
}
