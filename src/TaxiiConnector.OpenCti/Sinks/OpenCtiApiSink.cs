using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Registration;
using TaxiiConnector.OpenCti.Sinks.Splitting;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.OpenCti.Sinks;

/// <summary>
/// <c>CONNECTOR_QUEUE_PROTOCOL=api</c>: <c>stixBundlePush(connectorId, bundle, work_id)</c>. The platform queues the
/// bundle itself and its worker splits it and adds the expectations, so this sink adds none (as pycti). Bundles above
/// <see cref="OpenCtiClientOptions.MaxBundleBytes"/> are cut into chunks under the platform's body limit.
/// <c>stixBundlePush</c> is never sent twice here: a push that could not reach the platform is reported as
/// <see cref="BundleNotDeliveredException"/> for the pipeline to push again; any other failure may come after the platform
/// queued the bundle, and is final.
/// </summary>
public sealed partial class OpenCtiApiSink : IBundleSink
{
    private readonly OpenCtiGraphQLClient _client;
    private readonly ConnectorSession _session;
    private readonly OpenCtiClientOptions _options;
    private readonly ILogger<OpenCtiApiSink> _logger;

    public OpenCtiApiSink(OpenCtiGraphQLClient client, ConnectorSession session, IOptions<OpenCtiClientOptions> options, ILogger<OpenCtiApiSink> logger)
    {
        _client = client;
        _session = session;
        _options = options.Value;
        _logger = logger;
    }

    public string Name => "api";

    public async ValueTask PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(context);
        if (bundle.ObjectCount == 0)
        {
            return;
        }

        var registration = await _session.EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
        var chunks = BundleSplitter.Chunk(bundle, _options.MaxBundleBytes);
        for (var i = 0; i < chunks.Count; i++)
        {
            JsonDocument document;
            try
            {
                document = await _client.ExecuteAsync(BuildRequest(registration.ConnectorId, chunks[i], context.WorkId), cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (i == 0 && OpenCtiRetryPredicate.NeverReachedThePlatform(ex))
            {
                // Only while nothing of the bundle went out: pushing it again then queues nothing twice.
                throw new BundleNotDeliveredException($"OpenCTI stixBundlePush could not reach the platform: {ex.Message}", ex);
            }

            using (document)
            {
                var accepted = document.RootElement.GetProperty("data"u8).GetProperty("stixBundlePush"u8);
                if (accepted.ValueKind != JsonValueKind.True)
                {
                    throw new OpenCtiHttpException($"OpenCTI stixBundlePush did not accept bundle {bundle.Id} (answered {accepted.ValueKind})");
                }
            }
        }

        Log.Pushed(_logger, bundle.Id, bundle.ObjectCount, chunks.Count, context.Collection);
    }

    /// <summary>
    /// The body is written from the bundle's bytes while it is sent (<see cref="BundlePushRequestContent"/>), never built
    /// as one string: a bundle of a thousand objects would otherwise be copied, escaped, into a new megabytes-long buffer.
    /// </summary>
    internal static GraphQLRequest BuildRequest(string connectorId, ReadOnlyMemory<byte> bundleJson, string? workId) =>
        new("stixBundlePush", OpenCtiDocuments.StixBundlePush, retry: GraphQLRetry.Never, writeVariables: writer =>
        {
            writer.WriteString("connectorId"u8, connectorId);
            writer.WriteString("bundle"u8, bundleJson.Span);
            if (workId is null)
            {
                writer.WriteNull("work_id"u8);
            }
            else
            {
                writer.WriteString("work_id"u8, workId);
            }
        })
        {
            CreateContent = () => new BundlePushRequestContent(OpenCtiDocuments.StixBundlePush, connectorId, bundleJson, workId),
        };

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.OpenCtiApiBundlePushed, EventName = nameof(LogEventIds.OpenCtiApiBundlePushed), Level = LogLevel.Debug,
            Message = "Pushed bundle {BundleId} ({ObjectCount} objects, {Requests} requests) from {Collection} through stixBundlePush")]
        public static partial void Pushed(ILogger logger, string bundleId, int objectCount, int requests, string collection);
    }
}
