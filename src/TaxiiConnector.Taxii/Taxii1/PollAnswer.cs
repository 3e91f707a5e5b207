using TaxiiConnector.Taxii.Taxii1.Xml;

namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>
/// One answer to a poll or fulfilment request: a status message, an empty body (both null), or an open response whose
/// content blocks are read one at a time (the answer owns the response until it is disposed).
/// </summary>
internal sealed class PollAnswer : IDisposable
{
    public PollAnswer(string messageId, Taxii1StatusMessage? status, Taxii1PollResponseReader? reader, HttpResponseMessage? response)
    {
        MessageId = messageId;
        Status = status;
        Reader = reader;
        Response = response;
    }

    public string MessageId { get; }

    public Taxii1StatusMessage? Status { get; }

    public Taxii1PollResponseReader? Reader { get; }

    public HttpResponseMessage? Response { get; }

    public void Dispose()
    {
        Reader?.Dispose();
        Response?.Dispose();
    }
}
