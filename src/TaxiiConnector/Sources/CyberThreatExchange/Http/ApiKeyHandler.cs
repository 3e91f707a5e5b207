using Microsoft.Extensions.Options;

namespace TaxiiConnector.Sources.CyberThreatExchange.Http;

/// <summary>
/// Puts the <c>API-KEY</c> header on requests to the configured API origin, and only there: a response that sends
/// the client elsewhere (a <c>next</c> URL on another host) must never receive the key.
/// </summary>
internal sealed class ApiKeyHandler : DelegatingHandler
{
    public const string HeaderName = "API-KEY";

    private readonly IOptions<CyberThreatExchangeOptions> _options;

    public ApiKeyHandler(IOptions<CyberThreatExchangeOptions> options)
    {
        _options = options;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        request.Headers.Remove(HeaderName);
        if (request.RequestUri is { } uri && ApiOrigin.IsSameOrigin(uri, options.BaseUri) && !string.IsNullOrEmpty(options.ApiKey))
            request.Headers.TryAddWithoutValidation(HeaderName, options.ApiKey);

        return base.SendAsync(request, cancellationToken);
    }
}
