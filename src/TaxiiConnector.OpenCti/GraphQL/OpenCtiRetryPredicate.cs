using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace TaxiiConnector.OpenCti.GraphQL;

/// <summary>
/// Which failed GraphQL calls the HTTP pipeline may send again (<see cref="GraphQLRequest.Retry"/>). A
/// <see cref="GraphQLRetry.WhenTransient"/> call is retried on any transient failure (network error, timeout, 408, 429,
/// 5xx). A <see cref="GraphQLRetry.WhenNeverSent"/> call only when the request provably never reached the platform: the
/// connection could not be opened (refused, unreachable, name not resolved, TLS handshake failed). A timeout or a 5xx
/// after the request was sent may come after the platform applied it, and a second <c>addExpectations</c> would count
/// twice. A <see cref="GraphQLRetry.Never"/> call is never retried here.
/// </summary>
public static class OpenCtiRetryPredicate
{
    /// <summary>Carries <see cref="GraphQLRequest.Retry"/> on the <see cref="HttpRequestMessage"/> to the pipeline.</summary>
    public static readonly HttpRequestOptionsKey<GraphQLRetry> RetryKey = new("TaxiiConnector.OpenCti.Retry");

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        var retry = request is not null && request.Options.TryGetValue(RetryKey, out var value) ? value : GraphQLRetry.WhenNeverSent;
        return retry switch
        {
            GraphQLRetry.WhenTransient => HttpClientResiliencePredicates.IsTransient(outcome),
            GraphQLRetry.WhenNeverSent => NeverReachedThePlatform(outcome.Exception),
            _ => false,
        };
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
