using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Dedup;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Reports;
using TaxiiConnector.Sources;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;
using TaxiiConnector.Tests.Pipeline;
using TaxiiConnector.Tests.Pipeline.Fakes;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Dedup;

/// <summary>
/// The real page bundler (transformer, bundle writer) and a real de-duplication database in a temporary data directory,
/// with a recording sink and an in-memory state. Each <see cref="RunAsync"/> is a fresh "process" over the same files.
/// </summary>
internal sealed class DedupHarness : IDisposable
{
    public DedupHarness()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "taxii-dedup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, DedupSettings.DatabaseFileName);

    public string RunsDirectory => Path.Combine(DataDirectory, "runs");

    public InMemoryStateStore State { get; } = new();

    public CapturingSink Sink { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    public CapturingLogger Logs { get; } = new();

    public StixTransformerOptions TransformOptions { get; init; } = TransformerDefaults.Create(o =>
    {
        o.CreateAuthor = true;
        o.AuthorName = "ACME Corp";
        o.SaveOriginalIndicatorIdToNote = true;
        o.IgnoreObjectTypes = ["tool"];
    });

    public bool DedupEnabled { get; init; } = true;

    /// <summary>Holds back objects whose references were not sent yet, as the host always does (spooled under the data directory); on unless a test turns it off.</summary>
    public bool HoldReferences { get; init; } = true;

    /// <summary>Versions per write batch (small: batches are written, on the background task, during the run).</summary>
    public int WriteBatchSize { get; init; } = ObjectDeduplicator.DefaultWriteBatchSize;

    /// <summary>Replaces how a collection's presence filter is loaded (null: the product's, from the store).</summary>
    public Func<VersionStore, long, IIdPresenceFilter>? PresenceFilter { get; set; }

    /// <summary>One run, as a freshly started process would do it (new de-duplicator over the same database file).</summary>
    public async Task<RunReport> RunAsync(ISourceCollection collection, bool fullResync = false, CancellationToken cancellationToken = default)
    {
        var settings = new DedupSettings
        {
            DatabasePath = DatabasePath,
            RunsDirectory = RunsDirectory,
            FullResync = fullResync,
            DisabledSources = DedupEnabled ? new HashSet<string>() : new HashSet<string> { "taxii2" },
        };
        using var dedup = new ObjectDeduplicator(settings, Time, new TypedLogger<ObjectDeduplicator>(Logs)) { LoadPresenceFilter = PresenceFilter, WriteBatchSize = WriteBatchSize };
        var options = Microsoft.Extensions.Options.Options.Create(new PipelineOptions
        {
            PushRetryDelay = TimeSpan.FromMilliseconds(1),
            PushRetryMaxDelay = TimeSpan.FromMilliseconds(2),
            PushAttempts = 1,
        });
        var bundler = new StixPageBundler(
            new StixBundleWriter(new StixBundleWriterOptions { MaxBundleBytes = (int)new TaxiiConnector.Configuration.Sections.ConnectorOptions().MaxBundleBytes }, NullLogger<StixBundleWriter>.Instance), NullLogger<StixTransformer>.Instance, Time);
        var pusher = new BundlePusher(Sink, options, TimeProvider.System, NullLogger<BundlePusher>.Instance);
        if (HoldReferences)
        {
            options.Value.HeldObjectsDirectory = Path.Combine(DataDirectory, "held-objects");
        }

        var heldObjects = HoldReferences ? new TaxiiConnector.Pipeline.Holding.HeldObjectStore(options) : null;
        var pump = new CollectionPump(bundler, pusher, State, options, TimeProvider.System, NullLogger<CollectionPump>.Instance,
            heldObjects: heldObjects, dedup: dedup);
        var reports = new RunReportStore(RunsDirectory, NullLogger<RunReportStore>.Instance);
        var source = new Source("taxii2", TransformOptions, collection);
        var runner = new ConnectorRunner([source], pump, State, new RecordingWorkTracker(), AlwaysAdmit.Instance, options, Time,
            NullLogger<ConnectorRunner>.Instance, dedup: dedup, reports: reports);
        return await runner.RunOnceAsync(cancellationToken);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Source(string name, StixTransformerOptions options, ISourceCollection collection) : IConnectorSource
    {
        public string Name { get; } = name;

        public StixTransformerOptions TransformOptions { get; } = options;

        public async IAsyncEnumerable<ISourceCollection> GetCollectionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return collection;
        }
    }
}

/// <summary>
/// A collection on a server that ignores <c>added_after</c>: every read serves the same pages from the start, whatever the
/// committed cursor. Pages are JSON arrays; a test may change one between runs.
/// </summary>
internal sealed class ReservedCollection : ISourceCollection
{
    public ReservedCollection(params string[][] pages) => Pages = pages;

    public string[][] Pages { get; }

    public string StateKey => "taxii2|http://127.0.0.1/api1/|c1";

    public string DisplayName => "api1/Indicators";

    public async IAsyncEnumerable<SourcePage> ReadPagesAsync(string? committedCursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var page = 0; page < Pages.Length; page++)
        {
            await Task.Yield();
            var document = JsonDocument.Parse("[" + string.Join(',', Pages[page]) + "]");
            yield return new SourcePage(page + 1, [.. document.RootElement.EnumerateArray()], "c" + (page + 1), document);
        }
    }

    public static string Indicator(int n, string modified = "2026-01-01T00:00:00.000Z") =>
        $$"""{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-{{n:000000000000}}","created":"2026-01-01T00:00:00.000Z","modified":"{{modified}}","pattern":"[ipv4-addr:value = '198.51.100.{{n % 250}}']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"}""";

    public static string Malware(int n, string modified = "2026-01-01T00:00:00.000Z") =>
        $$"""{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-{{n:000000000000}}","created":"2026-01-01T00:00:00.000Z","modified":"{{modified}}","name":"m{{n}}","is_family":false}""";

    /// <summary>An SCO: no <c>modified</c>, so its content is its version.</summary>
    public static string Domain(int n, string value) =>
        $$"""{"type":"domain-name","spec_version":"2.1","id":"domain-name--00000000-0000-4000-8000-{{n:000000000000}}","value":"{{value}}"}""";

    /// <summary>Three pages of three source objects each (indicators, malware, an SCO).</summary>
    public static ReservedCollection ThreePages() => new(
        [Indicator(1), Malware(2), Domain(3, "a.example")],
        [Indicator(4), Malware(5), Domain(6, "b.example")],
        [Indicator(7), Malware(8), Domain(9, "c.example")]);
}

/// <summary>Records each acknowledged bundle's objects; a hook runs right after the acknowledgement.</summary>
internal sealed class CapturingSink : IBundleSink
{
    private readonly ConcurrentQueue<string> _ids = new();
    private readonly ConcurrentQueue<JsonElement> _objects = new();

    public string Name => "capturing";

    public IReadOnlyList<string> ObjectIds => [.. _ids];

    public IReadOnlyList<JsonElement> Objects => [.. _objects];

    public int Bundles { get; private set; }

    /// <summary>Runs after a bundle was acknowledged (the sink has it), with its object ids.</summary>
    public Action<IReadOnlyList<string>>? AfterAck { get; set; }

    public void Clear()
    {
        _ids.Clear();
        _objects.Clear();
        Bundles = 0;
    }

    public ValueTask PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(bundle.Json);
        var ids = new List<string>();
        foreach (var item in document.RootElement.GetProperty("objects").EnumerateArray())
        {
            ids.Add(item.GetProperty("id").GetString()!);
            _ids.Enqueue(ids[^1]);
            _objects.Enqueue(item.Clone());
        }

        Bundles++;
        AfterAck?.Invoke(ids);
        return ValueTask.CompletedTask;
    }
}

internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

    public IReadOnlyList<string> Warnings => [.. _entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, formatter(state, exception)));
}

internal sealed class TypedLogger<T>(ILogger inner) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, formatter);
}
