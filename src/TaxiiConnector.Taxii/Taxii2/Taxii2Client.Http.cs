using System.Net;
using System.Text.Json;
using Polly.Timeout;
using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Resilience;

namespace TaxiiConnector.Taxii.Taxii2;

public sealed partial class Taxii2Client
{
    private const int ErrorBodyLimit = 64 * 1024;
    private const int ErrorTextLimit = 500;

    /// <summary>Bounds of the first buffer for a body of unknown length (it grows past the upper one when needed).</summary>
    private const int MinimumBodyBuffer = 16 * 1024;
    private const int MaximumBodyBufferHint = 16 * 1024 * 1024;

    /// <summary>The length of the last body read without a Content-Length: the first guess for the next one.</summary>
    private int _bodySizeHint;

    /// <summary>A parsed TAXII resource, the version that answered, and the server's HTTP <c>Date</c>.</summary>
    private readonly record struct TaxiiResource(JsonDocument Document, TaxiiVersion Version, DateTimeOffset? ServerDate);

    /// <summary>Re-reads of a body that broke mid-way; small because each one repeats a whole page.</summary>
    private int BodyRetries => Math.Min(_options.MaxRetries, 3);

    private async Task<TaxiiResource> GetResourceAsync(Uri url, TaxiiVersion version, CancellationToken cancellationToken)
    {
        // Hand-written on purpose: the HTTP resilience pipeline ends at the response headers, so a body that breaks
        // mid-read is past it and only a new request (this loop, bounded by BodyRetries) can recover it.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return version == TaxiiVersion.Auto
                    ? await ProbeResourceAsync(url, cancellationToken).ConfigureAwait(false)
                    : await GetResourceOnceAsync(url, version, cancellationToken).ConfigureAwait(false);
            }
            catch (TaxiiProtocolException ex) when (ex.IsTransient && attempt < BodyRetries)
            {
                await DelayBeforeBodyRetryAsync(url, attempt, ex, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<TaxiiResource> GetResourceOnceAsync(Uri url, TaxiiVersion version, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => NewGet(url, TaxiiMediaTypes.ResourceAccept(version)), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await CreateRequestExceptionAsync(response, url, cancellationToken).ConfigureAwait(false);
        }

        return await ReadResourceAsync(response, url, version, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TaxiiResource> ReadResourceAsync(HttpResponseMessage response, Uri url, TaxiiVersion version, CancellationToken cancellationToken) =>
        new(await ReadDocumentAsync(response, url, version, cancellationToken).ConfigureAwait(false), version, response.Headers.Date);

    /// <summary>2.1 first; 2.0 when the server says 404/406 or answers with something that is not TAXII.</summary>
    private async Task<TaxiiResource> ProbeResourceAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response21 = await SendAsync(() => NewGet(url, TaxiiMediaTypes.Taxii21), cancellationToken).ConfigureAwait(false);
        var contentType21 = response21.Content.Headers.ContentType?.ToString();
        if (response21.IsSuccessStatusCode && TaxiiMediaTypes.IsExpected(contentType21, TaxiiVersion.V21))
        {
            return await ReadResourceAsync(response21, url, TaxiiVersion.V21, cancellationToken).ConfigureAwait(false);
        }

        var worthTrying20 = response21.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.NotAcceptable
            || (response21.IsSuccessStatusCode && !TaxiiMediaTypes.IsExpected(contentType21, TaxiiVersion.V21));
        if (!worthTrying20)
        {
            throw await CreateRequestExceptionAsync(response21, url, cancellationToken).ConfigureAwait(false);
        }

        using var response20 = await SendAsync(() => NewGet(url, TaxiiMediaTypes.Taxii20), cancellationToken).ConfigureAwait(false);
        var contentType20 = response20.Content.Headers.ContentType?.ToString();
        if (response20.IsSuccessStatusCode && (TaxiiMediaTypes.IsExpected(contentType20, TaxiiVersion.V20) || !response21.IsSuccessStatusCode))
        {
            Log.VersionProbed(_logger, url, TaxiiVersion.V20);
            return await ReadResourceAsync(response20, url, TaxiiVersion.V20, cancellationToken).ConfigureAwait(false);
        }

        if (response21.IsSuccessStatusCode)
        {
            // Neither answer carried a TAXII media type: read the 2.1 one, leniently.
            return await ReadResourceAsync(response21, url, TaxiiVersion.V21, cancellationToken).ConfigureAwait(false);
        }

        throw await CreateRequestExceptionAsync(response21, url, cancellationToken,
            "Neither the TAXII 2.1 nor the 2.0 media type was accepted; check the discovery URL").ConfigureAwait(false);
    }

    private HttpRequestMessage NewGet(Uri url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        // TryAddWithoutValidation keeps the exact spelling (2.0's "; version=2.0" with its space).
        request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Options.Set(ExactAcceptHandler.AcceptKey, accept);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        return request;
    }

    /// <summary>
    /// Sends with headers-only completion so the body is streamed by the caller. Transport failures that survived the
    /// resilience pipeline become <see cref="TaxiiException"/>s naming the URL; caller cancellation propagates.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        var url = request.RequestUri!;
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new TaxiiException($"TAXII request {url} failed: {ex.Message}", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TaxiiException($"TAXII request {url} timed out after {ex.Timeout.TotalSeconds:0} s.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TaxiiException($"TAXII request {url} timed out.", ex);
        }
    }

    /// <summary>
    /// Parses the body straight from the response stream under the byte cap and a body-read timeout. A body cut off
    /// mid-way is a transient <see cref="TaxiiProtocolException"/>; nothing partial is ever returned.
    /// </summary>
    private async Task<JsonDocument> ReadDocumentAsync(HttpResponseMessage response, Uri url, TaxiiVersion version, CancellationToken cancellationToken) =>
        (await ReadBodyAsync(response, url, version, wholeBodyFirst: false, cancellationToken).ConfigureAwait(false)).Document;

    /// <summary>
    /// As <see cref="ReadDocumentAsync"/>; with <paramref name="wholeBodyFirst"/> the body is read whole into one pooled
    /// buffer and parsed in place, instead of the stream parse's doubling buffer (a page is about a megabyte): with a
    /// Content-Length, a buffer of exactly that size filled with large reads; without one, a buffer sized from the last
    /// body. A body that ends early or runs past its
    /// Content-Length is a transient <see cref="TaxiiProtocolException"/>, like a truncated one.
    /// </summary>
    private async Task<ParsedBody> ReadBodyAsync(HttpResponseMessage response, Uri url, TaxiiVersion version, bool wholeBodyFirst,
        CancellationToken cancellationToken)
    {
        var contentType = response.Content.Headers.ContentType?.ToString();
        if (!TaxiiMediaTypes.IsExpected(contentType, version) && Interlocked.Exchange(ref _contentTypeWarned, 1) == 0)
        {
            Log.UnexpectedContentType(_logger, url, contentType ?? "(none)", TaxiiMediaTypes.ResourceAccept(version));
        }

        var declared = response.Content.Headers.ContentLength;
        if (declared is { } length && length > _options.MaxResponseBytes)
        {
            throw new TaxiiProtocolException(
                $"The response of {url} is {length} bytes, over the {_options.MaxResponseBytes}-byte cap (max_response_bytes).", url, isTransient: false);
        }

        using var bodyTimeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bodyTimeout.Token);
        SizeLimitedReadStream? stream = null;
        byte[]? rented = null;
        try
        {
            stream = new SizeLimitedReadStream(await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false), _options.MaxResponseBytes);
            if (wholeBodyFirst && declared is > 0 && declared <= Array.MaxLength)
            {
                var size = (int)declared.Value;
                rented = ParsedBody.Pool.Rent(size);
                await ReadWholeBodyAsync(stream, rented, size, url, linked.Token).ConfigureAwait(false);
                var body = new ParsedBody(JsonDocument.Parse(rented.AsMemory(0, size)), rented);
                rented = null;
                return body;
            }

            if (wholeBodyFirst)
            {
                int bodyLength;
                (rented, bodyLength) = await ReadBodyOfUnknownLengthAsync(stream, Volatile.Read(ref _bodySizeHint), linked.Token).ConfigureAwait(false);
                Volatile.Write(ref _bodySizeHint, bodyLength);
                var body = new ParsedBody(JsonDocument.Parse(rented.AsMemory(0, bodyLength)), rented);
                rented = null;
                return body;
            }

            return new ParsedBody(await JsonDocument.ParseAsync(stream, default, linked.Token).ConfigureAwait(false));
        }
        catch (ResponseTooLargeException ex)
        {
            throw new TaxiiProtocolException($"The response of {url} exceeded the {ex.MaxBytes}-byte cap (max_response_bytes).", url, isTransient: false, ex);
        }
        catch (JsonException ex)
        {
            throw new TaxiiProtocolException(
                $"The response of {url} is not valid JSON (truncated or malformed after {stream?.BytesRead ?? 0} bytes, Content-Type {contentType ?? "none"}): {ex.Message}",
                url, isTransient: true, ex);
        }
        catch (IOException ex)
        {
            throw new TaxiiProtocolException(
                $"The connection broke while reading the response of {url} after {stream?.BytesRead ?? 0} bytes: {ex.Message}", url, isTransient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TaxiiProtocolException(
                $"The connection broke while reading the response of {url} after {stream?.BytesRead ?? 0} bytes: {ex.Message}", url, isTransient: true, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TaxiiProtocolException(
                $"Reading the response of {url} timed out after {_options.AttemptTimeout.TotalSeconds:0} s ({stream?.BytesRead ?? 0} bytes read).", url, isTransient: true, ex);
        }
        finally
        {
            if (rented is not null)
            {
                ParsedBody.Pool.Return(rented);
            }

            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Reads a body without a Content-Length (chunked, or decompressed) whole into a buffer from <see cref="ParsedBody.Pool"/>,
    /// first sized from the last such body (pages of one collection are alike) so it rarely has to grow; growing doubles it.
    /// The stream enforces the byte cap.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyOfUnknownLengthAsync(Stream stream, int sizeHint, CancellationToken cancellationToken)
    {
        var buffer = ParsedBody.Pool.Rent(Math.Clamp(sizeHint + (sizeHint / 8), MinimumBodyBuffer, MaximumBodyBufferHint));
        var filled = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
                if (filled == buffer.Length)
                {
                    var larger = ParsedBody.Pool.Rent((int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ParsedBody.Pool.Return(buffer);
                    buffer = larger;
                }
            }

            return (buffer, filled);
        }
        catch
        {
            ParsedBody.Pool.Return(buffer);
            throw;
        }
    }

    /// <summary>Fills <paramref name="buffer"/> with exactly <paramref name="size"/> bytes, the whole body.</summary>
    private static async Task ReadWholeBodyAsync(Stream stream, byte[] buffer, int size, Uri url, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < size)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled, size - filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new TaxiiProtocolException(
                    $"The response of {url} ended after {filled} of the {size} bytes its Content-Length announced.", url, isTransient: true);
            }

            filled += read;
        }

        // HttpClient stops at Content-Length itself; a handler in between that does not would hand over a cut document.
        var probe = new byte[1];
        if (await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) != 0)
        {
            throw new TaxiiProtocolException(
                $"The response of {url} is longer than the {size} bytes its Content-Length announced.", url, isTransient: true);
        }
    }

    /// <summary>
    /// Builds the exception for a failed status, with the TAXII error resource's title and description when the body
    /// is one (servers also send HTML or nothing), and logs it once.
    /// </summary>
    private async Task<TaxiiRequestException> CreateRequestExceptionAsync(HttpResponseMessage response, Uri url, CancellationToken cancellationToken, string? extraHint = null)
    {
        string? title = null;
        string? description = null;
        try
        {
            var buffer = new byte[ErrorBodyLimit];
            var filled = 0;
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var bodyDisposal = body.ConfigureAwait(false);
            int read;
            while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }

            using var document = JsonDocument.Parse(buffer.AsMemory(0, filled));
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                title = Shorten(GetString(document.RootElement, "title"));
                description = Shorten(GetString(document.RootElement, "description"));
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException)
        {
            // The error body is optional and often HTML: the status alone is the message.
        }

        var hint = extraHint ?? HintFor(response.StatusCode);
        Log.RequestFailed(_logger, url, (int)response.StatusCode, title ?? "-", description ?? "-");
        return new TaxiiRequestException(url, response.StatusCode, title, description, hint);
    }

    private async Task DelayBeforeBodyRetryAsync(Uri url, int attempt, TaxiiProtocolException failure, CancellationToken cancellationToken)
    {
        var delay = BackoffDelay(attempt);
        Log.BodyRetry(_logger, url, attempt + 1, delay.TotalSeconds, failure.Message);
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
    }

    private TimeSpan BackoffDelay(int attempt)
    {
        var baseDelay = _options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt, 10));
#pragma warning disable CA5394 // Jitter spreads retries; it is not security-sensitive.
        return baseDelay * (0.8 + (Random.Shared.NextDouble() * 0.4));
#pragma warning restore CA5394
    }

    private static string? HintFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "The server rejected the credentials (username/password, token or API key)",
        HttpStatusCode.Forbidden => "Authenticated, but not permitted to read this resource",
        HttpStatusCode.NotFound => "Not found, or not permitted (TAXII servers answer 404 to hide what a client may not see)",
        HttpStatusCode.NotAcceptable => "The server does not accept this TAXII version's media type: check taxii2.v2.1 (TAXII2_V21) or use taxii2.version: auto",
        _ => null,
    };

    private static string? Shorten(string? text) => text is null || text.Length <= ErrorTextLimit ? text : text[..ErrorTextLimit] + "…";
}
