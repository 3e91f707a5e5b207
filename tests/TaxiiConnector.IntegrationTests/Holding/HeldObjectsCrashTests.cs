using System.Text.Json;
using TaxiiConnector.IntegrationTests.Infrastructure;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.Server.Hosting;
using TaxiiConnector.Stix.Bundles;
using static TaxiiConnector.IntegrationTests.Holding.ForwardReferenceCollection;

namespace TaxiiConnector.IntegrationTests.Holding;

/// <summary>
/// Held objects survive a crash: they are spooled before their page's cursor is committed, and a fresh connector over the
/// same data directory and state delivers them, still after their targets.
/// </summary>
public sealed class HeldObjectsCrashTests
{
    [Fact]
    public async Task Run_AbandonedWhileRelationshipsAreHeld_FreshRunnerDeliversThemAfterTheirTargets()
    {
        await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = CreateStore(), DefaultPageSize = PageSize });
        using var work = new TempDirectory();
        var output = work.Combine("output");
        var dataDirectory = work.Combine("data");
        var settings = new Dictionary<string, string?> { ["connector:data_dir"] = dataDirectory };

        // First run: page 1 (relationships) is held and committed, page 2 (indicators) delivered; the push of page 3
        // (malware, with the relationships released) never returns, and the run is abandoned there.
        var first = new GatedSink(stopAt: bundle => bundle.Contains(Malware(0)));
        var abandoned = new CancellationTokenSource();
        var connector = InProcessConnector.Create(server.DiscoveryUrl, output, first, settings: settings);
        var run = connector.Runner.RunOnceAsync(abandoned.Token);
        await first.Stopped.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Spooled(dataDirectory).Should().NotBeEmpty("the relationships of the committed page 1 wait on disk");
        first.Delivered.Should().NotContain(Enumerable.Range(0, 10).Select(Relationship), "none was sent before its targets");

        // No normal end: no collection end, no flush; the process is gone.
        await abandoned.CancelAsync();
        var abandonedRun = async () => await run;
        await abandonedRun.Should().ThrowAsync<OperationCanceledException>();
        abandoned.Dispose();

        var second = new GatedSink(stopAt: _ => false);
        await using (var restarted = InProcessConnector.Create(server.DiscoveryUrl, output, second, settings: settings))
        {
            var report = await restarted.Runner.RunOnceAsync(CancellationToken.None);
            report.Succeeded.Should().BeTrue();
        }

        await connector.DisposeAsync();
        second.Delivered.Should().Contain(Enumerable.Range(0, 10).Select(Relationship), "the held relationships are delivered after the restart");
        var delivered = first.Delivered.Concat(second.Delivered).ToList();
        delivered.Should().Contain(Objects.Select(o => JsonDocument.Parse(o).RootElement.GetProperty("id").GetString()!));
        for (var k = 0; k < 10; k++)
        {
            var relationship = delivered.IndexOf(Relationship(k));
            delivered.IndexOf(Indicator(k)).Should().BeLessThan(relationship);
            delivered.IndexOf(Malware(k)).Should().BeLessThan(relationship);
        }

        Spooled(dataDirectory).Should().BeEmpty("every held object was acknowledged");
    }

    private static List<string> Spooled(string dataDirectory)
    {
        var directory = Path.Combine(dataDirectory, "held-objects");
        return Directory.Exists(directory) ? [.. Directory.EnumerateFiles(directory, "*.held", SearchOption.AllDirectories)] : [];
    }

    /// <summary>Records every acknowledged object in order; the first bundle <c>stopAt</c> picks never returns.</summary>
    private sealed class GatedSink : IBundleSink
    {
        private readonly Func<string, bool> _stopAt;
        private readonly Lock _gate = new();
        private readonly List<string> _delivered = [];

        public GatedSink(Func<string, bool> stopAt) => _stopAt = stopAt;

        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "gated";

        public IReadOnlyList<string> Delivered
        {
            get
            {
                lock (_gate)
                {
                    return [.. _delivered];
                }
            }
        }

        public async ValueTask PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
        {
            var text = System.Text.Encoding.UTF8.GetString(bundle.Json.Span);
            if (_stopAt(text))
            {
                Stopped.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            using var document = JsonDocument.Parse(bundle.Json);
            lock (_gate)
            {
                _delivered.AddRange(document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()!));
            }
        }
    }
}
