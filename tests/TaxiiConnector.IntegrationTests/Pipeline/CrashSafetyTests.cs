using TaxiiConnector.IntegrationTests.Infrastructure;
using TaxiiConnector.Testing.Faults;
using TaxiiConnector.Server.Hosting;
using Xunit.Abstractions;

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

    private readonly ITestOutputHelper _output;

    public CrashSafetyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Run_KilledMidRunThenStartedAgain_EveryObjectArrivesAndAtMostOnePageTwice()
    {
        var collection = new TestCollection(PageSize * Pages);
        using var gate = new HoldPageFaultPlan(HeldPage);
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions
        {
            Store = collection.CreateStore(),
            DefaultPageSize = PageSize,
            ConfigureMiddleware = FaultInjectionMiddleware.For(gate),
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
        _output.WriteLine($"delivered before the kill: {deliveredBeforeKill}; after the restart: {delivered.Count - deliveredBeforeKill}; "
            + $"delivered twice: {delivered.Count - delivered.Distinct().Count()}");
        delivered.Distinct().Should().BeEquivalentTo(collection.ObjectIds, "every object reaches the sink at least once");
        var duplicated = delivered.GroupBy(id => id).Where(g => g.Count() > 1).ToList();
        duplicated.Should().NotContain(g => g.Count() > 2, "no object is delivered more than twice");
        duplicated.Select(g => PageOf(g.Key)).Distinct().Should().HaveCountLessThanOrEqualTo(1, "at most one page is delivered twice");
        (delivered.Count - deliveredBeforeKill).Should().BeLessThanOrEqualTo(collection.Count - deliveredBeforeKill + PageSize,
            "the second run resumes from the committed cursor instead of starting over");
        deliveredBeforeKill.Should().BeGreaterThanOrEqualTo(10 * PageSize).And.BeLessThan(collection.Count);
    }

    private static int PageOf(string id) =>
        int.Parse(id.AsSpan(id.Length - 12), System.Globalization.CultureInfo.InvariantCulture) / PageSize;

    /// <summary>
    /// Serves pages slowly (so the kill lands while pages are being fetched, transformed and pushed) and holds every
    /// request for page <c>heldPage</c> and later until released (so the first run cannot finish before the kill, however
    /// slow the machine; bounded, so nothing hangs for ever).
    /// </summary>
    private sealed class HoldPageFaultPlan : IFaultPlan, IDisposable
    {
        private static readonly TimeSpan PageDelay = TimeSpan.FromMilliseconds(80);
        private readonly int _heldPage;
        private readonly ManualResetEventSlim _released = new();

        public HoldPageFaultPlan(int heldPage) => _heldPage = heldPage;

        public void Release() => _released.Set();

        public TaxiiFault? Decide(FaultRequestContext context)
        {
            if (context.Endpoint != TaxiiEndpoint.Objects)
            {
                return null;
            }

            if (context.PageNumber >= _heldPage)
            {
                _released.Wait(TimeSpan.FromMinutes(2));
            }
            else if (!_released.IsSet)
            {
                Thread.Sleep(PageDelay);
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
