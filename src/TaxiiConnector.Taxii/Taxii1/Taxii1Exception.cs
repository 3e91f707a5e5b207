namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>A TAXII 1.1 exchange failed. Messages name the service URL and never carry credentials.</summary>
public class Taxii1Exception : Exception
{
    public Taxii1Exception()
    {
    }

    public Taxii1Exception(string message)
        : base(message)
    {
    }

    public Taxii1Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Taxii1Exception(Taxii1ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public Taxii1ErrorKind Kind { get; } = Taxii1ErrorKind.Protocol;

    /// <summary>True when the same request may succeed later (the window is retried on the next run).</summary>
    public bool IsTransient => Kind == Taxii1ErrorKind.Transient;
}

/// <summary>The server answered with a <c>Status_Message</c> the client cannot continue from.</summary>
public sealed class Taxii1StatusException : Taxii1Exception
{
    public Taxii1StatusException(Taxii1StatusMessage status, Uri serviceUrl)
        : base(Taxii1StatusType.Classify(status?.StatusType ?? string.Empty), Describe(status!, serviceUrl))
    {
        Status = status!;
        ServiceUrl = serviceUrl;
    }

    public Taxii1StatusMessage Status { get; }

    public Uri ServiceUrl { get; }

    private static string Describe(Taxii1StatusMessage status, Uri serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(status);
        var text = $"TAXII 1.1 server {serviceUrl} answered {status.StatusType}";
        if (status.Details.Count > 0)
        {
            text += " (" + string.Join(", ", status.Details.Select(d => $"{d.Key}={d.Value}")) + ")";
        }

        return string.IsNullOrWhiteSpace(status.Message) ? text : $"{text}: {status.Message}";
    }
}
