using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace TaxiiConnector.OpenCti.GraphQL;

/// <summary>
/// Which failed GraphQL calls the HTTP pipeline may send again. A call that is <see cref="GraphQLRequest.SafeToRepeat"/>
/// is retried on any transient failure (network error, timeout, 408, 429, 5xx). Any other call is retried only when the
/// request provably never reached the platform: the connection could not be opened (refused, unreachable, name not
/// resolved, TLS handshake failed). A timeout or a 5xx after the request was sent may come after the platform applied
/// it, and a second <c>addExpectations</c> or <c>stixBundlePush</c> would count twice.
/// </summary>
public static class OpenCtiRetryPredicate
{
    /// <summary>Carries <see cref="GraphQLRequest.SafeToRepeat"/> on the <see cref="HttpRequestMessage"/> to the pipeline.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRepeatKey = new("TaxiiConnector.OpenCti.SafeToRepeat");

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        var safeToRepeat = request is not null && request.Options.TryGetValue(SafeToRepeatKey, out var safe) && safe;
        return safeToRepeat ? HttpClientResiliencePredicates.IsTransient(outcome) : NeverReachedThePlatform(outcome.Exception);
    }

    /// <summary>True when the failure happened before any byte of the request could be sent.</summary>
    public static bool NeverReachedThePlatform(Exception? exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } => true,
        HttpRequestException { InnerException: SocketException socket } => IsConnectFailure(socket.SocketErrorCode),
        SocketException socket => IsConnectFailure(socket.SocketErrorCode),
        _ => false,
    };

    private static bool IsConnectFailure(SocketError error) =>
        error is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable
            or SocketError.HostNotFound or SocketError.TryAgain or SocketError.AddressNotAvailable;
}
