using System.Xml.Linq;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>Namespace-tolerant navigation of STIX 1 / CybOX documents: producers disagree on prefixes and sometimes on namespaces.</summary>
internal static class Stix1Xml
{
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public static readonly XNamespace Stix = "http://stix.mitre.org/stix-1";

    public static XElement? Child(XElement? element, string localName) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static IEnumerable<XElement> Children(XElement? element, string localName) =>
        element is null ? [] : element.Elements().Where(e => e.Name.LocalName == localName);

    public static XElement? Path(XElement? element, params string[] localNames)
    {
        foreach (var name in localNames)
        {
            element = Child(element, name);
        }

        return element;
    }

    public static string? Text(XElement? element)
    {
        var value = element?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The local part of <c>xsi:type</c> (a QName such as <c>cyboxDN:DomainNameObjectType</c>).</summary>
    public static string? XsiTypeLocalName(XElement element)
    {
        var value = (string?)element.Attribute(Xsi + "type");
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? value[(colon + 1)..].Trim() : value.Trim();
    }
}
