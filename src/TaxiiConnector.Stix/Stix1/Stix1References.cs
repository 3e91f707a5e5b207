using System.Xml.Linq;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>The elements of one package that others reference by id: observables and CybOX objects (built on first use).</summary>
internal sealed class Stix1References
{
    private readonly XElement _package;
    private Dictionary<string, XElement>? _observables;
    private Dictionary<string, XElement>? _objects;

    public Stix1References(XElement package)
    {
        _package = package;
    }

    public XElement? Observable(string idref)
    {
        _observables ??= Index(_package, static e => e.Name.LocalName == "Observable");
        return _observables.GetValueOrDefault(idref);
    }

    /// <summary>A CybOX <c>Object</c> or <c>Related_Object</c> with its content (not another reference).</summary>
    public XElement? Object(string idref)
    {
        _objects ??= Index(_package, static e => e.Name.LocalName is "Object" or "Related_Object" && Stix1Xml.Child(e, "Properties") is not null);
        return _objects.GetValueOrDefault(idref);
    }

    private static Dictionary<string, XElement> Index(XElement package, Func<XElement, bool> kind) =>
        package.Descendants()
            .Where(e => e.Attribute("id") is not null && kind(e))
            .GroupBy(e => ((string)e.Attribute("id")!).Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
}
