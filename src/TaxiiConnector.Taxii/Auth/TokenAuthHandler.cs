using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Taxii.Auth;

/// <summary>
/// Adds <c>Authorization: {scheme} {token}</c>. The Python connector documents <c>Bearer</c> but taxii2-client sends
/// <c>Token</c>, so servers differ: a 401 logs a hint naming the other scheme (never the token).
/// </summary>
public sealed partial class TokenAuthHandler : DelegatingHandler
{
    private readonly AuthenticationHeaderValue _header;
    private readonly ILogger _logger;
    private int _hinted;

    public TokenAuthHandler(string scheme, string token, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        ArgumentException.ThrowIfNullOrEmpty(token);
        _header = new AuthenticationHeaderValue(scheme.Trim(), token);
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = _header;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && Interlocked.Exchange(ref _hinted, 1) == 0)
        {
            var other = string.Equals(_header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) ? "Token" : "Bearer";
            Log.TokenRejected(_logger, request.RequestUri, _header.Scheme, other);
        }

        return response;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.TokenRejected, EventName = nameof(LogEventIds.TokenRejected), Level = LogLevel.Warning,
            Message = "{Url} answered 401 to 'Authorization: {Scheme} <token>'. If the token is right, the server may expect the '{OtherScheme}' scheme: set taxii2.token_scheme (TAXII2_TOKEN_SCHEME) to {OtherScheme}")]
        public static partial void TokenRejected(ILogger logger, Uri? url, string scheme, string otherScheme);
    }
}
