using TaxiiConnector.IntegrationTests.Infrastructure;
using TaxiiConnector.Server.Faults;
using TaxiiConnector.Server.Hosting;

namespace TaxiiConnector.IntegrationTests.Pipeline;

/// <summary>
/// The built connector as a child process (<c>dotnet TaxiiConnector.dll run --once --dry-run --output DIR</c>), killed
/// with SIGKILL in the middle of a 25-page collection, then started again: every object reaches the sink, none is
/// missed, and at most one page is delivered twice (the one pushed but not yet committed when the process died).
/// </summary>
public sealed class CrashSafetyTests
{
    private const int PageSize = 20;
    private const int Pages = 25;
    private const int HeldPage = 14;

    [Fact]
    public async Task Run_KilledMidRunThenStartedAgain_EveryObjectArrivesAndAtMostOnePageTwice()
    {
        var collection = new TestCollection(PageSize * Pages);
        using var gate = new HoldPageFaultPlan(HeldPage);
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions
        {
            Store = collection.CreateStore(),
            DefaultPageSize = PageSize,
            FaultPlan = gate,
        });
        using var work = new TempDirectory();
        var output = work.Combine("output");
        var environment = new Dictionary<string, string>
        {
            ["TAXII2_DISCOVERY_URL"] = server.DiscoveryUrl.AbsoluteUri,
            ["TAXII2_INITIAL_HISTORY"] = "87600",
            ["CONNECTOR_LOG_LEVEL"] = "info",
        };
        string[] arguments = ["run", "--once", "--dry-run", "--output", output];

        using (var first = ConnectorProcess.Start(arguments, environment, work.Path))
        {
            // Pages before the held one flow; the kill lands while the run is still going (page 14 never answers).
            await Eventually.HoldsAsync(() => BundleFiles.List(output).Count >= 10 || first.ExitCode is not null, "the first run pushed 10 pages");
            first.ExitCode.Should().BeNull("the first run must be killed in the middle, not finish: " + first.Output);
            first.Kill();
        }

        var deliveredBeforeKill = BundleFiles.Objects(output).Count(o => o.Type == "indicator");
        gate.Release();
        using var second = ConnectorProcess.Start(arguments, environment, work.Path);
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromMinutes(3));

        exitCode.Should().Be(0, second.Output);
        var delivered = BundleFiles.Objects(output).Where(o => o.Type == "indicator").Select(o => o.Id).ToList();
        delivered.Distinct().Should().BeEquivalentTo(collection.ObjectIds, "every object reaches the sink at least once");
        var duplicated = delivered.GroupBy(id => id).Where(g => g.Count() > 1).ToList();
        duplicated.Should().OnlyContain(g => g.Count() == 2);
        duplicated.Select(g => PageOf(g.Key)).Distinct().Should().HaveCountLessThanOrEqualTo(1, "at most one page is delivered twice");
        (delivered.Count - deliveredBeforeKill).Should().BeLessThanOrEqualTo(collection.Count - deliveredBeforeKill + PageSize,
            "the second run resumes from the committed cursor instead of starting over");
        deliveredBeforeKill.Should().BeGreaterThanOrEqualTo(10 * PageSize).And.BeLessThan(collection.Count);
    }

    private static int PageOf(string id) =>
        int.Parse(id.AsSpan(id.Length - 12), System.Globalization.CultureInfo.InvariantCulture) / PageSize;

    /// <summary>Holds every request for page <c>heldPage</c> and later until released (bounded, so nothing hangs for ever).</summary>
    private sealed class HoldPageFaultPlan : IFaultPlan, IDisposable
    {
        private readonly int _heldPage;
        private readonly ManualResetEventSlim _released = new();

        public HoldPageFaultPlan(int heldPage) => _heldPage = heldPage;

        public void Release() => _released.Set();

        public TaxiiFault? Decide(FaultRequestContext context)
        {
            if (context.Endpoint == TaxiiEndpoint.Objects && context.PageNumber >= _heldPage)
            {
                _released.Wait(TimeSpan.FromMinutes(2));
            }

            return null;
        }

        public void Dispose()
        {
            _released.Set();
            _released.Dispose();
        }
    }
}
