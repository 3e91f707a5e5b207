using System.Xml;
using System.Xml.Linq;

namespace TaxiiConnector.Taxii.Taxii1.Xml;

/// <summary>Turns the small TAXII 1.1 messages (already read as one element) into records. Matches by namespace, never by prefix.</summary>
internal static class Taxii1MessageParser
{
    private static readonly XNamespace Ns = Taxii1Constants.MessagesNamespace;

    public static XName Name(string localName) => Ns + localName;

    public static bool IsMessage(XElement element, string localName) => element.Name == Ns + localName;

    public static Taxii1StatusMessage ParseStatus(XElement root)
    {
        var details = root.Elements(Ns + "Status_Detail")
            .Elements(Ns + "Detail")
            .Select(d => new KeyValuePair<string, string>((string?)d.Attribute("name") ?? string.Empty, d.Value.Trim()))
            .ToList();
        return new Taxii1StatusMessage(
            ((string?)root.Attribute("status_type") ?? string.Empty).Trim(),
            details,
            root.Element(Ns + "Message")?.Value.Trim(),
            (string?)root.Attribute("in_response_to"));
    }

    public static IReadOnlyList<Taxii1ServiceInstance> ParseDiscovery(XElement root, Uri requestUrl)
    {
        var services = new List<Taxii1ServiceInstance>();
        foreach (var instance in root.Elements(Ns + "Service_Instance"))
        {
            if (!TryResolve(requestUrl, instance.Element(Ns + "Address")?.Value, out var address))
            {
                continue;
            }

            services.Add(new Taxii1ServiceInstance(
                ((string?)instance.Attribute("service_type") ?? string.Empty).Trim(),
                (string?)instance.Attribute("service_version"),
                ParseBool((string?)instance.Attribute("available"), defaultValue: true),
                instance.Element(Ns + "Protocol_Binding")?.Value.Trim(),
                address,
                instance.Elements(Ns + "Message_Binding").Select(e => e.Value.Trim()).ToList(),
                instance.Elements(Ns + "Content_Binding").Select(BindingId).OfType<string>().ToList()));
        }

        return services;
    }

    public static IReadOnlyList<Taxii1CollectionInfo> ParseCollections(XElement root, Uri requestUrl)
    {
        var collections = new List<Taxii1CollectionInfo>();
        foreach (var collection in root.Elements(Ns + "Collection"))
        {
            var name = (string?)collection.Attribute("collection_name");
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var pollAddresses = new List<Uri>();
            foreach (var address in collection.Elements(Ns + "Polling_Service").Elements(Ns + "Address"))
            {
                if (TryResolve(requestUrl, address.Value, out var uri))
                {
                    pollAddresses.Add(uri);
                }
            }

            collections.Add(new Taxii1CollectionInfo(
                name,
                (string?)collection.Attribute("collection_type"),
                ParseBool((string?)collection.Attribute("available"), defaultValue: true),
                collection.Element(Ns + "Description")?.Value.Trim(),
                collection.Elements(Ns + "Content_Binding").Select(BindingId).OfType<string>().ToList(),
                pollAddresses));
        }

        return collections;
    }

    /// <summary>
    /// libtaxii's rule: a child element of <c>Content</c> is the payload; otherwise the text is, and when that text is
    /// (escaped) XML it is parsed with the same hardened reader as the response.
    /// </summary>
    public static Taxii1ContentBlock ParseContentBlock(XElement block, int partNumber, long maxCharacters)
    {
        var content = block.Element(Ns + "Content");
        var payload = content?.Elements().FirstOrDefault();
        string? text = null;
        if (payload is null && content is not null)
        {
            text = content.Value;
            var trimmed = text.AsSpan().TrimStart();
            if (trimmed.Length > 0 && trimmed[0] == '<')
            {
                payload = ParseEmbedded(text, maxCharacters);
            }
        }

        DateTimeOffset? label = Taxii1Timestamp.TryParse(block.Element(Ns + "Timestamp_Label")?.Value, out var stamp) ? stamp : null;
        return new Taxii1ContentBlock(BindingId(block.Element(Ns + "Content_Binding")), payload, payload is null ? text : null, label, partNumber);
    }

    public static bool ParseBool(string? value, bool defaultValue) =>
        value?.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "1" => true,
            "FALSE" or "0" => false,
            _ => defaultValue,
        };

    private static XElement ParseEmbedded(string text, long maxCharacters)
    {
        using var reader = Taxii1XmlReaderFactory.Create(new StringReader(text), maxCharacters);
        reader.MoveToContent();
        return (XElement)XNode.ReadFrom(reader);
    }

    private static string? BindingId(XElement? binding) => binding is null ? null : ((string?)binding.Attribute("binding_id"))?.Trim();

    private static bool TryResolve(Uri baseUrl, string? address, out Uri uri)
    {
        uri = baseUrl;
        return !string.IsNullOrWhiteSpace(address) && Uri.TryCreate(baseUrl, address.Trim(), out uri!);
    }

    /// <summary>Declares on <paramref name="element"/> every namespace in scope at the reader, so QName values (<c>xsi:type</c>) stay resolvable.</summary>
    public static void CopyInScopeNamespaces(XElement element, IDictionary<string, string> inScope)
    {
        foreach (var (prefix, uri) in inScope)
        {
            if (prefix.Length == 0 || prefix == "xml" || element.GetNamespaceOfPrefix(prefix) is not null)
            {
                continue;
            }

            element.SetAttributeValue(XNamespace.Xmlns + prefix, uri);
        }
    }

    public static IDictionary<string, string> NamespacesInScope(XmlReader reader) =>
        reader is IXmlNamespaceResolver resolver
            ? resolver.GetNamespacesInScope(XmlNamespaceScope.ExcludeXml)
            : new Dictionary<string, string>();
}
