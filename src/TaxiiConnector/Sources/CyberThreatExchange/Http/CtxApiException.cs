using System.Net;

namespace TaxiiConnector.Sources.CyberThreatExchange.Http;

/// <summary>
/// The Cyber Threat Exchange API answered something the connector cannot use (an HTTP error after the retries, a
/// body that is not the expected JSON). The message is one line, safe to log: it never carries the API key.
/// </summary>
public class CtxApiException : Exception
{
    public CtxApiException()
    {
    }

    public CtxApiException(string message)
        : base(message)
    {
    }

    public CtxApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public CtxApiException(string message, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    public HttpStatusCode? StatusCode { get; }
}

/// <summary>401 or 403: the key is invalid or revoked, or its team's plan has no API access. Never retried.</summary>
public sealed class CtxAccessDeniedException : CtxApiException
{
    public CtxAccessDeniedException()
    {
    }

    public CtxAccessDeniedException(string message)
        : base(message)
    {
    }

    public CtxAccessDeniedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public CtxAccessDeniedException(string message, HttpStatusCode statusCode)
        : base(message, statusCode)
    {
    }
}
