namespace TaxiiConnector.Stix.Stix1;

/// <summary>An indicator cannot be converted faithfully; the message is the counted skip reason.</summary>
internal sealed class Stix1SkipException : Exception
{
    public Stix1SkipException()
    {
    }

    public Stix1SkipException(string reason)
        : base(reason)
    {
    }

    public Stix1SkipException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
