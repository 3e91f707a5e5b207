namespace TaxiiConnector.Taxii.Errors;

/// <summary>Base of every error the TAXII clients raise. Messages name URLs and TAXII fields, never credentials.</summary>
public class TaxiiException : Exception
{
    public TaxiiException()
    {
    }

    public TaxiiException(string message)
        : base(message)
    {
    }

    public TaxiiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
