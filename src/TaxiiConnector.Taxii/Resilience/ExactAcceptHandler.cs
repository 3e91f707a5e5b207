namespace TaxiiConnector.Taxii.Resilience;

/// <summary>
/// Puts the Accept value back exactly as the client spelled it. The resilience handler clones each request per attempt,
/// and cloning re-formats media types (<c>;version=2.1</c> becomes <c>; version=2.1</c>); some strict servers compare the
/// string. It wraps the sockets handler, so it runs on the very request that goes on the wire.
/// </summary>
public sealed class ExactAcceptHandler : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> AcceptKey = new("TaxiiConnector.Taxii.Accept");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(AcceptKey, out var accept))
        {
            request.Headers.Remove("Accept");
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
