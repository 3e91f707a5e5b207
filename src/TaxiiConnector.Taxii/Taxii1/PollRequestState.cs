using TaxiiConnector.Taxii.Taxii1.Xml;

namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>What the next request of a poll asks for: the first window, or one part of a result the server holds.</summary>
internal sealed class PollRequestState
{
    public PollRequestState(Uri url, Taxii1PollProgress progress, string collectionName, Func<string, byte[]> build)
    {
        Url = url;
        Progress = progress;
        CollectionName = collectionName;
        Build = build;
    }

    public Uri Url { get; }

    public Taxii1PollProgress Progress { get; }

    public string CollectionName { get; }

    /// <summary>Builds the request body for a message id.</summary>
    public Func<string, byte[]> Build { get; private set; }

    /// <summary>True once the requests are Poll_Fulfillment requests (after a PENDING answer or a part with more="true").</summary>
    public bool Fulfilling { get; private set; }

    public void AskForPart(string resultId, int partNumber)
    {
        var collection = CollectionName;
        Build = id => Taxii1RequestWriter.PollFulfillment(id, collection, resultId, partNumber);
        Fulfilling = true;
    }
}
