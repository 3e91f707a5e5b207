using System.Net;

namespace TaxiiConnector.Taxii.Errors;

/// <summary>
/// A TAXII request answered with a non-success status that is not retried (or whose retries ran out), with the TAXII
/// error resource's <c>title</c> and <c>description</c> when the server sent one.
/// </summary>
public sealed class TaxiiRequestException : TaxiiException
{
    public TaxiiRequestException()
    {
    }

    public TaxiiRequestException(string message)
        : base(message)
    {
    }

    public TaxiiRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public TaxiiRequestException(Uri requestUrl, HttpStatusCode statusCode, string? errorTitle, string? errorDescription, string? hint = null)
        : base(BuildMessage(requestUrl, statusCode, errorTitle, errorDescription, hint))
    {
        RequestUrl = requestUrl;
        StatusCode = statusCode;
        ErrorTitle = errorTitle;
        ErrorDescription = errorDescription;
    }

    public Uri? RequestUrl { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The TAXII error resource's <c>title</c>, if the body was one.</summary>
    public string? ErrorTitle { get; }

    /// <summary>The TAXII error resource's <c>description</c>, if any.</summary>
    public string? ErrorDescription { get; }

    private static string BuildMessage(Uri url, HttpStatusCode status, string? title, string? description, string? hint)
    {
        var text = $"TAXII request {url} failed with HTTP {(int)status} {status}";
        if (title is not null)
        {
            text += $": {title}";
        }

        if (description is not null)
        {
            text += $" ({description})";
        }

        return hint is null ? text : text + ". " + hint;
    }
}
