using System.Net.Http.Headers;
using System.Text;

namespace TaxiiConnector.Taxii.Auth;

/// <summary>Adds <c>Authorization: Basic base64(user:password)</c> to every request.</summary>
public sealed class BasicAuthHandler : DelegatingHandler
{
    private readonly AuthenticationHeaderValue _header;

    public BasicAuthHandler(string username, string? password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        var raw = Encoding.UTF8.GetBytes(username + ":" + (password ?? string.Empty));
        _header = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = _header;
        return base.SendAsync(request, cancellationToken);
    }
}
