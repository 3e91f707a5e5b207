using System.Globalization;
using System.Text;
using System.Xml;

namespace TaxiiConnector.Taxii.Taxii1.Xml;

/// <summary>Writes the TAXII 1.1 request messages the client sends (element order as in the 1.1 XSD).</summary>
internal static class Taxii1RequestWriter
{
    private const string Prefix = "taxii_11";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = false,
        Indent = false,
    };

    public static byte[] DiscoveryRequest(string messageId) =>
        Write(w => StartMessage(w, "Discovery_Request", messageId));

    public static byte[] CollectionInformationRequest(string messageId) =>
        Write(w => StartMessage(w, "Collection_Information_Request", messageId));

    public static byte[] PollRequest(string messageId, Taxii1PollRequest request, IReadOnlyList<string> contentBindings) =>
        Write(w =>
        {
            StartMessage(w, "Poll_Request", messageId);
            w.WriteAttributeString("collection_name", request.CollectionName);
            if (request.ExclusiveBegin is { } begin)
            {
                w.WriteElementString(Prefix, "Exclusive_Begin_Timestamp", Taxii1Constants.MessagesNamespace, Taxii1Timestamp.ToWire(begin));
            }

            if (request.InclusiveEnd is { } end)
            {
                w.WriteElementString(Prefix, "Inclusive_End_Timestamp", Taxii1Constants.MessagesNamespace, Taxii1Timestamp.ToWire(end));
            }

            w.WriteStartElement(Prefix, "Poll_Parameters", Taxii1Constants.MessagesNamespace);
            // Asynchronous polls would need a callback or a later fulfilment round; a sync poll keeps the window atomic.
            w.WriteAttributeString("allow_asynch", "false");
            w.WriteElementString(Prefix, "Response_Type", Taxii1Constants.MessagesNamespace, "FULL");
            foreach (var binding in contentBindings)
            {
                w.WriteStartElement(Prefix, "Content_Binding", Taxii1Constants.MessagesNamespace);
                w.WriteAttributeString("binding_id", binding);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });

    public static byte[] PollFulfillment(string messageId, string collectionName, string resultId, int partNumber) =>
        Write(w =>
        {
            StartMessage(w, "Poll_Fulfillment", messageId);
            w.WriteAttributeString("collection_name", collectionName);
            w.WriteAttributeString("result_id", resultId);
            w.WriteAttributeString("result_part_number", partNumber.ToString(CultureInfo.InvariantCulture));
        });

    private static void StartMessage(XmlWriter writer, string name, string messageId)
    {
        writer.WriteStartElement(Prefix, name, Taxii1Constants.MessagesNamespace);
        writer.WriteAttributeString("message_id", messageId);
    }

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            writer.WriteStartDocument();
            body(writer);
            writer.WriteEndDocument();
        }

        return buffer.ToArray();
    }
}
