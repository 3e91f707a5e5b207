using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.Works;
using Polly;
using Polly.Registry;
using TaxiiConnector.Logging;
using TaxiiConnector.Observability;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Server.Push;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// Delivers one spooled envelope: transform with its collection's options (author, copy confidence to score), push each
/// bundle through the pipeline's <see cref="BundlePusher"/> (the sink the pipeline chose: OpenCTI, or the directory in a
/// dry run) inside one OpenCTI work, closed on every path, then record per-object results in the spool. A delivery that
/// failed for a reason that may pass is made again (<see cref="PushDeliveryPipeline"/>, bounded); one that cannot succeed
/// completes the envelope with every object failed, which tells the partner to send it again. Objects are reported as
/// imported only after the sink's acknowledgement. With <c>taxii_push.dedup</c>, objects whose version the sink already acknowledged
/// for the collection are left out (reported as successes) and the new versions are recorded after the acknowledgement.
/// </summary>
internal sealed class PushEnvelopeDelivery
{
    public const string SourceName = "taxii_push";

    private const string DataDirectorySetting = "CONNECTOR_DATA_DIR (connector.data_dir)";

    private readonly TaxiiPushOptions _section;
    private readonly Dictionary<string, (StixTransformer Transformer, string Title)> _collections = new(StringComparer.Ordinal);
    private readonly StixTransformer _fallbackTransformer;
    private readonly StixBundleWriter _writer;
    private readonly BundlePusher _pusher;
    private readonly IWorkTracker _works;
    private readonly PushConsumerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PushEnvelopeDelivery> _logger;
    private readonly PushEnvelopeDedup? _dedup;
    private readonly PipelineEvents _events;
    private readonly ResiliencePipeline _pipeline;

    public PushEnvelopeDelivery(IOptions<TaxiiPushOptions> section, IOptionsMonitor<StixTransformerOptions> transformOptions, StixBundleWriter writer, BundlePusher pusher, IWorkTracker works,
        IOptions<PushConsumerOptions> options, TimeProvider timeProvider, ILogger<StixTransformer> transformerLogger,
        ILogger<PushEnvelopeDelivery> logger, PushEnvelopeDedup? dedup = null, PipelineEvents? events = null,
        ResiliencePipelineProvider<string>? pipelines = null)
    {
        _dedup = dedup;
        _events = events ?? PipelineEvents.None;
        _section = section.Value;
        _writer = writer;
        _pusher = pusher;
        _works = works;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _pipeline = pipelines?.GetPipeline(PushDeliveryPipeline.Name) ?? PushDeliveryPipeline.Create(_options, timeProvider, logger);
        foreach (var collection in _section.Collections)
        {
            _collections[collection.Id] = (new StixTransformer(transformOptions.Get(PushTransformerOptionsSetup.NameOf(collection.Id)), transformerLogger, timeProvider), collection.Title);
        }

        // An envelope spooled for a collection the configuration no longer has still goes out, with the section's options.
        _fallbackTransformer = new StixTransformer(transformOptions.Get(PushTransformerOptionsSetup.NameOf(null)), transformerLogger, timeProvider);
    }

    /// <summary>
    /// Delivers the envelope (again while its failures may pass, through <see cref="PushDeliveryPipeline"/>) and completes
    /// it in the spool: with each object's result, or, when the delivery ended in failure, with every object failed and
    /// the reason, so the partner learns it must send them again. Returns only then, or when cancelled (the envelope then
    /// stays in the spool for the next start).
    /// </summary>
    public async Task DeliverAsync(TaxiiPushSpool spool, SpooledEnvelope envelope, CancellationToken cancellationToken)
    {
        var attempts = 0;
        IReadOnlyList<PushObjectResult> results;
        try
        {
            results = await RunAsync(envelope, "deliver", token =>
            {
                attempts++;
                return TryDeliverAsync(envelope, token);
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Per-envelope isolation: an envelope that cannot be imported must not stop the consumer for the next ones.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.DeliveryAbandoned(_logger, envelope.StatusId, envelope.CollectionId, attempts, FailureExplainer.Explain(ex, TaxiiPushOptions.SectionName).Line);
            Log.DeliveryFailure(_logger, envelope.StatusId, ex);
            results = PushObjectResults.AllFailed(envelope.Objects, "the receiver could not import the envelope into OpenCTI; send it again");
        }

        try
        {
            await RunAsync(envelope, "record the status of", async token =>
            {
                await spool.CompleteAsync(envelope, results, token);
                return true;
            }, cancellationToken);
        }
        catch (IOException ex)
        {
            Log.StatusNotRecorded(_logger, envelope.StatusId, envelope.CollectionId, DataDirectorySetting, ex.Message);
            return;
        }

        var failed = results.Count(result => !result.Succeeded);
        var duplicates = results.Count(PushObjectResults.IsDuplicate);
        Log.EnvelopeDelivered(_logger, envelope.StatusId, envelope.UserName, envelope.CollectionId, results.Count, results.Count - failed - duplicates,
            duplicates, failed);
    }

    private async Task<T> RunAsync<T>(SpooledEnvelope envelope, string action, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            PushDeliveryPipeline.Start(context, _timeProvider, action, envelope);
            return await _pipeline.ExecuteAsync(static async (ctx, run) => await run(ctx.CancellationToken), context, attempt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<IReadOnlyList<PushObjectResult>> TryDeliverAsync(SpooledEnvelope envelope, CancellationToken cancellationToken)
    {
        SpooledEnvelopeContent content;
        try
        {
            content = await envelope.ReadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or FileNotFoundException or DirectoryNotFoundException or KeyNotFoundException or InvalidOperationException)
        {
            // Retrying cannot repair the file: the partner learns from the status that nothing was imported, and why.
            Log.EnvelopeUnreadable(_logger, envelope.StatusId, envelope.CollectionId, ex.Message);
            return PushObjectResults.AllFailed(envelope.Objects, "the receiver could not read the stored envelope; send it again");
        }

        using (content)
        {
            var (transformer, title) = _collections.TryGetValue(envelope.CollectionId, out var known)
                ? known
                : (_fallbackTransformer, envelope.CollectionId);
            var friendlyName = string.Create(CultureInfo.InvariantCulture,
                $"TaxiiConnector {SourceName} {title} @ {_timeProvider.GetUtcNow():yyyy-MM-dd HH:mm:ss} ({envelope.Objects.Count} objects from {envelope.UserName})");
            var workId = await _works.StartAsync(friendlyName, cancellationToken);
            var delivered = false;
            var bundles = 0;
            var duplicates = 0;
            try
            {
                using var page = transformer.Transform(content.Objects);
                using var screening = _dedup?.Screen(envelope.CollectionId, title, page, content.Objects);
                var duplicateIndexes = screening?.DuplicateIndexes ?? [];
                duplicates = duplicateIndexes.Count;
                var context = new PushContext(workId, SourceName, title);
                foreach (var bundle in _writer.CreateBundles(page))
                {
                    using (bundle)
                    {
                        await _pusher.PushAsync(bundle, context, cancellationToken);
                    }

                    bundles++;
                }

                // Every bundle was acknowledged: only now are the envelope's versions recorded. A crash before this line
                // sends the envelope again on restart (at most once more); one after it finds every object a duplicate.
                screening?.Acknowledged(bundles);
                var results = PushObjectResults.Delivered(envelope.Objects, page.Dropped, duplicateIndexes);
                delivered = true;
                ReportPushed(title, page, duplicates);
                return results;
            }
            finally
            {
                await CloseWorkAsync(workId, envelope, bundles, duplicates, delivered);
            }
        }
    }

    /// <summary>The envelope's objects pushed and dropped (duplicates included) for the metrics, as a pulled page's are.</summary>
    private void ReportPushed(string title, TransformedPage page, int duplicates)
    {
        var drops = PagePushed.CountDrops(page.Dropped, 0);
        if (duplicates > 0)
        {
            drops = new Dictionary<string, int>(drops, StringComparer.Ordinal) { [DropCategories.Duplicate] = duplicates };
        }

        _events.PagePushed(SourceName, title, new PagePushed(page.ObjectsOut - page.CountDropped(DropReason.TooLarge), drops, Cursor: null));
    }

    private async Task CloseWorkAsync(string? workId, SpooledEnvelope envelope, int bundles, int duplicates, bool delivered)
    {
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{SourceName}: envelope {envelope.StatusId}, {envelope.Objects.Count} objects, {bundles} bundles pushed, {duplicates} objects already sent{(delivered ? string.Empty : "; delivery failed, retried later")}");

        // The consumer's token may be cancelled by now: the work is still closed, within a bounded time.
        using var timeout = new CancellationTokenSource(_options.CloseWorkTimeout, _timeProvider);
        try
        {
            await _works.CompleteAsync(workId, message, inError: !delivered, timeout.Token);
        }
        catch (Exception ex) when (OpenCtiCallFailures.IsPlatformFailure(ex))
        {
            Log.WorkCloseFailed(_logger, workId, envelope.StatusId, ex.Message);
        }
    }
}
