namespace TaxiiConnector.Taxii.Errors;

/// <summary>A response that could not be used: invalid or truncated JSON, a body cut off mid-way, a body over the size cap.</summary>
public sealed class TaxiiProtocolException : TaxiiException
{
    public TaxiiProtocolException()
    {
    }

    public TaxiiProtocolException(string message)
        : base(message)
    {
    }

    public TaxiiProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public TaxiiProtocolException(string message, Uri requestUrl, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        RequestUrl = requestUrl;
        IsTransient = isTransient;
    }

    public Uri? RequestUrl { get; }

    /// <summary>True when the same request may succeed if retried (a connection cut mid-body).</summary>
    public bool IsTransient { get; }
}
