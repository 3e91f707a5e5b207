using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Sources;
using TaxiiConnector.Tests.Pipeline.Fakes;

namespace TaxiiConnector.Tests.Pipeline;

/// <summary>A runner wired to test doubles.</summary>
internal sealed class PipelineHarness
{
    public RecordingSink Sink { get; } = new();
    public InMemoryStateStore State { get; } = new();
    public RecordingWorkTracker Works { get; } = new();
    public FakeBundler Bundler { get; init; } = new();
    public PipelineOptions Options { get; } = new() { PushRetryDelay = TimeSpan.FromMilliseconds(1), PushRetryMaxDelay = TimeSpan.FromMilliseconds(2) };
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public IRunAdmission Admission { get; init; } = AlwaysAdmit.Instance;

    public ConnectorRunner CreateRunner(params IConnectorSource[] sources)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var pusher = new BundlePusher(Sink, options, Time, NullLogger<BundlePusher>.Instance);
        var pump = new CollectionPump(Bundler, pusher, State, options, Time, NullLogger<CollectionPump>.Instance);
        return new ConnectorRunner(sources, pump, State, Works, Admission, options, Time, NullLogger<ConnectorRunner>.Instance);
    }
}
