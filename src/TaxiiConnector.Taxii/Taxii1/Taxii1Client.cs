using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using TaxiiConnector.Taxii.Taxii1.Http;
using TaxiiConnector.Taxii.Taxii1.Xml;

namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>
/// A TAXII 1.1 client (XML message binding 1.1 over HTTP/HTTPS): discovery, collection information and synchronous polls
/// with the Poll_Fulfillment loop. Every exchange is one POST; errors come back as <c>Status_Message</c>s and surface as
/// <see cref="Taxii1StatusException"/>, transport problems as <see cref="Taxii1Exception"/>.
/// </summary>
public sealed class Taxii1Client
{
    /// <summary>The pipeline that waits out RETRY, PENDING and NETWORK_ERROR answers to discovery and collection requests.</summary>
    public const string StatusPipelineName = Taxii1StatusPipelines.StatusName;

    /// <summary>The pipeline that waits out RETRY, PENDING and NETWORK_ERROR answers to poll and fulfilment requests.</summary>
    public const string PollStatusPipelineName = Taxii1StatusPipelines.PollName;

    private readonly HttpClient _http;
    private readonly Taxii1ClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<Taxii1Client> _logger;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly ResiliencePipeline<XElement> _statusPipeline;
    private readonly ResiliencePipeline<PollAnswer> _pollPipeline;

    public Taxii1Client(HttpClient httpClient, IOptions<Taxii1ClientOptions> options, TimeProvider timeProvider, ILogger<Taxii1Client> logger,
        ResiliencePipelineProvider<string>? pipelines = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _http = httpClient;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        if (!string.IsNullOrEmpty(_options.Username))
        {
            var raw = Encoding.UTF8.GetBytes($"{_options.Username}:{_options.Password}");
            _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
        }

        _statusPipeline = pipelines?.GetPipeline<XElement>(Taxii1StatusPipelines.StatusName)
            ?? Taxii1StatusPipelines.CreateStatus(_options, timeProvider, logger);
        _pollPipeline = pipelines?.GetPipeline<PollAnswer>(Taxii1StatusPipelines.PollName)
            ?? Taxii1StatusPipelines.CreatePoll(_options, timeProvider, logger);
    }

    /// <summary>Discovery_Request → the service instances the server advertises (addresses resolved against <paramref name="discoveryUrl"/>).</summary>
    public async Task<IReadOnlyList<Taxii1ServiceInstance>> DiscoverAsync(Uri discoveryUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(discoveryUrl);
        var root = await ExchangeAsync(discoveryUrl, Taxii1RequestWriter.DiscoveryRequest, "Discovery_Response", cancellationToken).ConfigureAwait(false);
        return Taxii1MessageParser.ParseDiscovery(root, discoveryUrl);
    }

    /// <summary>Collection_Information_Request → the collections of a collection-management service.</summary>
    public async Task<IReadOnlyList<Taxii1CollectionInfo>> GetCollectionsAsync(Uri collectionManagementUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collectionManagementUrl);
        var root = await ExchangeAsync(collectionManagementUrl, Taxii1RequestWriter.CollectionInformationRequest, "Collection_Information_Response", cancellationToken).ConfigureAwait(false);
        return Taxii1MessageParser.ParseCollections(root, collectionManagementUrl);
    }

    /// <summary>
    /// Poll_Request for one window, then Poll_Fulfillment for part 2, 3, … until a response says <c>more="false"</c>,
    /// a fulfilment body is empty, the server answers INVALID_RESPONSE_PART, or <see cref="Taxii1ClientOptions.MaxPollParts"/>
    /// is reached. Content blocks are yielded one at a time, as they are read from the response stream.
    /// RETRY, NETWORK_ERROR and PENDING are waited out (ESTIMATED_WAIT, through <see cref="TimeProvider"/>) up to
    /// <see cref="Taxii1ClientOptions.MaxStatusRetries"/> times in a row; every other status throws.
    /// </summary>
    public async IAsyncEnumerable<Taxii1ContentBlock> PollAsync(
        Taxii1PollRequest request,
        Taxii1PollProgress? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        progress ??= new Taxii1PollProgress();
        var url = request.PollUrl;
        var next = new PollRequestState(url, progress, request.CollectionName, id => Taxii1RequestWriter.PollRequest(id, request, _options.PollContentBindings));

        while (true)
        {
            using var answer = await AskAsync(next, cancellationToken).ConfigureAwait(false);
            if (answer.Reader is not { } reader)
            {
                if (answer.Status is { } status)
                {
                    if (next.Fulfilling && status.StatusType == Taxii1StatusType.InvalidResponsePart)
                    {
                        progress.End = Taxii1PollEnd.InvalidResponsePart;
                        Log.FulfilmentInvalidPart(_logger, request.CollectionName, progress.Parts, status.Detail("MAX_PART_NUMBER"));
                        yield break;
                    }

                    // Not one to wait out, or the last of MaxStatusRetries in a row.
                    throw StatusFailure(status, url);
                }

                if (next.Fulfilling)
                {
                    progress.End = Taxii1PollEnd.EmptyBody;
                    Log.FulfilmentEmptyBody(_logger, request.CollectionName, progress.Parts);
                    yield break;
                }

                throw new Taxii1Exception(Taxii1ErrorKind.Protocol, $"TAXII 1.1 server {url} answered a Poll_Request with an empty body.");
            }

            progress.Parts++;
            var part = reader.PartNumber ?? progress.Parts;
            if (reader.InResponseTo is { } inResponseTo && inResponseTo != answer.MessageId)
            {
                Log.InResponseToMismatch(_logger, url, answer.MessageId, inResponseTo);
            }

            while (await reader.ReadNextBlockElementAsync(cancellationToken).ConfigureAwait(false) is { } element)
            {
                progress.ContentBlocks++;
                yield return reader.ToContentBlock(element, part);
            }

            progress.ResultId = reader.ResultId ?? progress.ResultId;
            if (!reader.More)
            {
                progress.End = Taxii1PollEnd.Complete;
                yield break;
            }

            if (progress.Parts >= _options.MaxPollParts)
            {
                progress.End = Taxii1PollEnd.PartCap;
                Log.PartCapReached(_logger, request.CollectionName, url, _options.MaxPollParts);
                yield break;
            }

            var resultId = reader.ResultId
                ?? throw new Taxii1Exception(Taxii1ErrorKind.Protocol, $"TAXII 1.1 server {url} said more=\"true\" without a result_id; the remaining parts cannot be asked for.");
            next.AskForPart(resultId, part + 1);
        }
    }

    /// <summary>
    /// Sends the next poll or fulfilment request through <see cref="PollStatusPipelineName"/>, which waits out RETRY,
    /// NETWORK_ERROR and PENDING answers (a PENDING answer with a result id turns the next request into a fulfilment of
    /// that result, part 1). Returns the first other answer, or the last status once the waits are used up.
    /// </summary>
    private async Task<PollAnswer> AskAsync(PollRequestState next, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Taxii1StatusPipelines.UrlKey, next.Url);
        try
        {
            return await _pollPipeline.ExecuteAsync(
                static (ctx, state) => state.Client.AskOnceAsync(state.Next, ctx.CancellationToken),
                context,
                (Client: this, Next: next)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<PollAnswer> AskOnceAsync(PollRequestState next, CancellationToken cancellationToken)
    {
        var messageId = NewMessageId();
        var response = await PostAsync(next.Url, next.Build(messageId), cancellationToken).ConfigureAwait(false);
        try
        {
            var body = await OpenBodyAsync(response, next.Url, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                response.Dispose();
                return new PollAnswer(messageId, null, null, null);
            }

            var reader = await OpenPollReaderAsync(body, next.Url, cancellationToken).ConfigureAwait(false);
            if (reader.Status is not { } status)
            {
                return new PollAnswer(messageId, null, reader, response);
            }

            reader.Dispose();
            response.Dispose();
            if (status.StatusType == Taxii1StatusType.Pending && status.Detail("RESULT_ID") is { Length: > 0 } pendingResult)
            {
                // The server prepares the result asynchronously even though we asked for a synchronous poll:
                // collect it as part 1 of that result once the estimated wait is over.
                next.Progress.ResultId = pendingResult;
                next.AskForPart(pendingResult, 1);
            }

            return new PollAnswer(messageId, status, null, null);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static string NewMessageId() => Guid.NewGuid().ToString();

    private async Task<XElement> ExchangeAsync(Uri url, Func<string, byte[]> build, string expectedRoot, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Taxii1StatusPipelines.UrlKey, url);
        XElement root;
        try
        {
            root = await _statusPipeline.ExecuteAsync(
                static (ctx, state) => state.Client.ExchangeOnceAsync(state.Url, state.Build, ctx.CancellationToken),
                context,
                (Client: this, Url: url, Build: build)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (Taxii1MessageParser.IsMessage(root, "Status_Message"))
        {
            // Not one to wait out, or the last of MaxStatusRetries in a row.
            throw StatusFailure(Taxii1MessageParser.ParseStatus(root), url);
        }

        if (!Taxii1MessageParser.IsMessage(root, expectedRoot))
        {
            throw new Taxii1Exception(Taxii1ErrorKind.Protocol, $"TAXII 1.1 server {url} answered with '{root.Name.LocalName}', expected {expectedRoot}.");
        }

        return root;
    }

    /// <summary>One POST and its whole answer (a Status_Message included).</summary>
    private async ValueTask<XElement> ExchangeOnceAsync(Uri url, Func<string, byte[]> build, CancellationToken cancellationToken)
    {
        var messageId = NewMessageId();
        using var response = await PostAsync(url, build(messageId), cancellationToken).ConfigureAwait(false);
        var body = await OpenBodyAsync(response, url, cancellationToken).ConfigureAwait(false)
            ?? throw new Taxii1Exception(Taxii1ErrorKind.Protocol, $"TAXII 1.1 server {url} answered with an empty body.");
        XElement root;
        await using (body.ConfigureAwait(false))
        {
            root = await ReadWholeMessageAsync(body, url, cancellationToken).ConfigureAwait(false);
        }

        if (!Taxii1MessageParser.IsMessage(root, "Status_Message")
            && (string?)root.Attribute("in_response_to") is { } inResponseTo && inResponseTo != messageId)
        {
            Log.InResponseToMismatch(_logger, url, messageId, inResponseTo);
        }

        return root;
    }

    private Taxii1StatusException StatusFailure(Taxii1StatusMessage status, Uri url)
    {
        var error = new Taxii1StatusException(status, url);
        Log.StatusReceived(_logger, status.StatusType, url, error.Message);
        return error;
    }

    private async Task<HttpResponseMessage> PostAsync(Uri url, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Taxii1Constants.XmlMediaType);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(Taxii1Constants.XmlMediaType));
        request.Headers.TryAddWithoutValidation(Taxii1Constants.HeaderContentType, Taxii1Constants.MessageBinding11);
        request.Headers.TryAddWithoutValidation(Taxii1Constants.HeaderAccept, Taxii1Constants.MessageBinding11);
        request.Headers.TryAddWithoutValidation(Taxii1Constants.HeaderServices, Taxii1Constants.Services11);
        request.Headers.TryAddWithoutValidation(
            Taxii1Constants.HeaderProtocol,
            url.Scheme == Uri.UriSchemeHttps ? Taxii1Constants.ProtocolHttps : Taxii1Constants.ProtocolHttp);
        request.Headers.Authorization = _authorization;

        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new Taxii1Exception(Taxii1ErrorKind.Transient, $"TAXII 1.1 request to {url} failed: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new Taxii1Exception(Taxii1ErrorKind.Transient, $"TAXII 1.1 request to {url} timed out.", ex);
        }
    }

    /// <summary>Checks that the answer is a TAXII 1.1 XML message; null when the body is empty.</summary>
    private static async Task<Stream?> OpenBodyAsync(HttpResponseMessage response, Uri url, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var body = await ReplayPrefixStream.OpenUnlessEmptyAsync(stream, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        if (!response.Headers.TryGetValues(Taxii1Constants.HeaderContentType, out var values))
        {
            await body.DisposeAsync().ConfigureAwait(false);
            // libtaxii's rule: without X-TAXII-Content-Type the body is not a TAXII message (a proxy or HTML error page).
            throw new Taxii1Exception(
                KindOf(response.StatusCode),
                $"TAXII 1.1 server {url} did not answer with a TAXII message (HTTP {(int)response.StatusCode}, Content-Type '{response.Content.Headers.ContentType}', no {Taxii1Constants.HeaderContentType} header).");
        }

        var binding = values.FirstOrDefault()?.Trim();
        if (!string.Equals(binding, Taxii1Constants.MessageBinding11, StringComparison.OrdinalIgnoreCase))
        {
            await body.DisposeAsync().ConfigureAwait(false);
            throw new Taxii1Exception(
                Taxii1ErrorKind.Protocol,
                $"TAXII 1.1 server {url} answered with message binding '{binding}'; only {Taxii1Constants.MessageBinding11} is supported.");
        }

        return body;
    }

    private static Taxii1ErrorKind KindOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => Taxii1ErrorKind.Authentication,
        HttpStatusCode.Forbidden => Taxii1ErrorKind.Permission,
        HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed => Taxii1ErrorKind.Configuration,
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => Taxii1ErrorKind.Transient,
        >= HttpStatusCode.InternalServerError => Taxii1ErrorKind.Transient,
        _ => Taxii1ErrorKind.Protocol,
    };

    private async Task<Taxii1PollResponseReader> OpenPollReaderAsync(Stream body, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await Taxii1PollResponseReader.OpenAsync(body, url, _options.MaxSmallResponseCharacters, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await body.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<XElement> ReadWholeMessageAsync(Stream body, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = Taxii1XmlReaderFactory.Create(body, _options.MaxSmallResponseCharacters, async: true);
            if (await reader.MoveToContentAsync().ConfigureAwait(false) != XmlNodeType.Element)
            {
                throw new Taxii1Exception(Taxii1ErrorKind.Protocol, $"TAXII 1.1 server {url} sent a body without a root element.");
            }

            var root = (XElement)await XNode.ReadFromAsync(reader, cancellationToken).ConfigureAwait(false);
            if (root.Name.NamespaceName != Taxii1Constants.MessagesNamespace)
            {
                throw new Taxii1Exception(Taxii1ErrorKind.Protocol, $"TAXII 1.1 server {url} sent '{root.Name.LocalName}' in namespace '{root.Name.NamespaceName}', not a TAXII 1.1 message.");
            }

            return root;
        }
        catch (XmlException ex)
        {
            throw Taxii1PollResponseReader.Malformed(url, ex);
        }
    }
}
