namespace TaxiiConnector.Taxii.Auth;

/// <summary>Adds a custom API-key header (e.g. <c>Ocp-Apim-Subscription-Key</c>) to every request.</summary>
public sealed class ApiKeyHeaderHandler : DelegatingHandler
{
    private readonly string _headerName;
    private readonly string _value;

    public ApiKeyHeaderHandler(string headerName, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headerName);
        ArgumentNullException.ThrowIfNull(value);
        _headerName = headerName.Trim();
        _value = value;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(_headerName);
        request.Headers.TryAddWithoutValidation(_headerName, _value);
        return base.SendAsync(request, cancellationToken);
    }
}
