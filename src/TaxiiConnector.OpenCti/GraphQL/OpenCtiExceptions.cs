using System.Net;

namespace TaxiiConnector.OpenCti.GraphQL;

/// <summary>The platform answered with a GraphQL <c>errors</c> array. The message is the platform's own (never request data).</summary>
public sealed class OpenCtiGraphQLException : Exception
{
    public OpenCtiGraphQLException()
    {
    }

    public OpenCtiGraphQLException(string message)
        : base(message)
    {
    }

    public OpenCtiGraphQLException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OpenCtiGraphQLException(string operationName, string platformMessage, string? code)
        : base($"OpenCTI {operationName} failed: {platformMessage}" + (code is null ? string.Empty : $" ({code})"))
    {
        OperationName = operationName;
        PlatformMessage = platformMessage;
        Code = code;
    }

    public string? OperationName { get; }

    /// <summary>The first error's <c>message</c> (or <c>name</c>).</summary>
    public string? PlatformMessage { get; }

    /// <summary>The first error's <c>extensions.code</c> or <c>name</c> (e.g. <c>AUTH_REQUIRED</c>, <c>FORBIDDEN_ACCESS</c>).</summary>
    public string? Code { get; }

    /// <summary>The platform refused the token or its user lacks the capability.</summary>
    public bool IsAuthenticationError =>
        Code is "AUTH_REQUIRED" or "AuthRequired" or "FORBIDDEN_ACCESS" or "ForbiddenAccess" or "UNAUTHENTICATED";

    /// <summary>pycti's "No connector found with the specified ID": the connector was deleted in the UI.</summary>
    public bool IsConnectorNotFound =>
        PlatformMessage is not null && PlatformMessage.Contains("No connector found", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The platform answered with a non-success HTTP status (after the transient ones were retried).</summary>
public sealed class OpenCtiHttpException : Exception
{
    public OpenCtiHttpException()
    {
    }

    public OpenCtiHttpException(string message)
        : base(message)
    {
    }

    public OpenCtiHttpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OpenCtiHttpException(string operationName, HttpStatusCode statusCode, string? bodyExcerpt)
        : base($"OpenCTI {operationName} failed: HTTP {(int)statusCode} {statusCode}" + (string.IsNullOrEmpty(bodyExcerpt) ? string.Empty : $": {bodyExcerpt}"))
    {
        OperationName = operationName;
        StatusCode = statusCode;
    }

    public string? OperationName { get; }

    public HttpStatusCode? StatusCode { get; }

    public bool IsAuthenticationError => StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}

/// <summary>The start-up check failed: the platform is unreachable or refuses the token. The message is one clear line.</summary>
public sealed class OpenCtiUnavailableException : Exception
{
    public OpenCtiUnavailableException()
    {
    }

    public OpenCtiUnavailableException(string message)
        : base(message)
    {
    }

    public OpenCtiUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The exceptions a call to the platform ends with when the platform, or the way to it, failed.</summary>
public static class OpenCtiCallFailures
{
    /// <summary>
    /// True for the platform's refusals, transport failures and timeouts (a cancellation counts: callers that catch these
    /// pass only a bounded timeout's token); false for anything else, which is a bug and goes up.
    /// </summary>
    public static bool IsPlatformFailure(Exception exception) =>
        exception is OpenCtiGraphQLException or OpenCtiHttpException or OpenCtiUnavailableException or HttpRequestException
            or IOException or System.Text.Json.JsonException or Polly.Timeout.TimeoutRejectedException or OperationCanceledException;
}
