using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;
using TaxiiConnector.Stix.Ids;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>A <c>statement</c> marking-definition (terms of use, a simple statement, AIS consent), id from its text.</summary>
internal sealed record Stix1StatementMarking(string Statement)
{
    /// <summary>pycti's marking-definition id: <c>{"definition":statement,"definition_type":"statement"}</c>.</summary>
    public string Id { get; } = "marking-definition--" + Stix1Ids.UuidV5(
        Stix1Ids.OpenCtiNamespace,
        CanonicalJson.Serialize(new KeyValuePair<string, string>("definition", Statement), new KeyValuePair<string, string>("definition_type", "statement")));
}

/// <summary>The markings of one converted object: at most one TLP level and any number of statements.</summary>
internal sealed record Stix1MarkingSet(string? TlpId, IReadOnlyList<Stix1StatementMarking> Statements)
{
    public static readonly Stix1MarkingSet None = new(null, []);

    public IReadOnlyList<string> Ids { get; } = [.. TlpId is null ? [] : new[] { TlpId }, .. Statements.Select(s => s.Id)];
}

/// <summary>
/// The data markings of one STIX 1 package: TLP, AIS (<c>AISMarking:AISMarkingStructure</c>: its TLP and a statement of
/// consent and proprietary flags), terms of use (<c>TOUMarking:TermsOfUseMarkingStructureType</c>) and simple statements
/// (<c>simpleMarking:SimpleMarkingStructure</c>), each scoped by its <c>Controlled_Structure</c> XPath (evaluated from
/// the Controlled_Structure element, as the STIX 1 data-marking model defines); a marking without one covers the
/// element whose Handling holds it. An object takes its own markings and the package's that cover it; its own TLP wins
/// over the package's. Markings it cannot read are reported by name, once per page.
/// </summary>
internal sealed class Stix1Markings
{
    private const int MaxControlledStructureLength = 2048;

    /// <summary>
    /// The "whole document" scopes real feeds use (AIS requires <c>//node() | //@*</c>): they cover every element, so
    /// they are not evaluated (a package inside a large poll response would otherwise walk the whole response).
    /// </summary>
    private static readonly HashSet<string> WholeDocument = new(StringComparer.Ordinal)
    {
        "//node()", "//node()|//@*", "//@*|//node()", "//*", "//*|//@*", "//@*|//*",
    };

    private readonly IReadOnlyList<Stix1Marking> _packageMarkings;
    private readonly Action<string> _unconvertible;

    public Stix1Markings(XElement package, Action<string> unconvertible)
    {
        _unconvertible = unconvertible;
        _packageMarkings = Read(Stix1Xml.Path(package, "STIX_Header", "Handling"), package);
        Package = Resolve(_packageMarkings.Where(m => m.Covers(package)), []);
    }

    /// <summary>The markings that cover the package as a whole (what the report carries).</summary>
    public Stix1MarkingSet Package { get; }

    /// <summary>The markings of an object element (Indicator, TTP, Incident, Observable, ...).</summary>
    public Stix1MarkingSet For(XElement element)
    {
        var own = Read(Stix1Xml.Child(element, "Handling"), element).Where(m => m.Covers(element)).ToList();
        return Resolve(_packageMarkings.Where(m => m.Covers(element)), own);
    }

    private static Stix1MarkingSet Resolve(IEnumerable<Stix1Marking> inherited, List<Stix1Marking> own)
    {
        var inheritedList = inherited.ToList();
        var tlp = own.Select(m => m.TlpId).FirstOrDefault(t => t is not null) ?? inheritedList.Select(m => m.TlpId).FirstOrDefault(t => t is not null);
        var statements = own.Concat(inheritedList).SelectMany(m => m.Statements).DistinctBy(s => s.Id).ToList();
        return tlp is null && statements.Count == 0 ? Stix1MarkingSet.None : new Stix1MarkingSet(tlp, statements);
    }

    private List<Stix1Marking> Read(XElement? handling, XElement container)
    {
        var markings = new List<Stix1Marking>();
        foreach (var marking in Stix1Xml.Children(handling, "Marking"))
        {
            string? tlp = null;
            var statements = new List<Stix1StatementMarking>();
            foreach (var structure in Stix1Xml.Children(marking, "Marking_Structure"))
            {
                ReadStructure(structure, ref tlp, statements);
            }

            if (tlp is not null || statements.Count > 0)
            {
                markings.Add(new Stix1Marking(Stix1Xml.Child(marking, "Controlled_Structure"), container, tlp, statements, _unconvertible));
            }
        }

        return markings;
    }

    private void ReadStructure(XElement structure, ref string? tlp, List<Stix1StatementMarking> statements)
    {
        var type = Stix1Xml.XsiTypeLocalName(structure);
        switch (type)
        {
            case "TLPMarkingStructureType" or null when (string?)structure.Attribute("color") is not null:
                tlp ??= Stix1Tlp.MarkingId((string?)structure.Attribute("color")) ?? Unconvertible($"TLP colour '{(string?)structure.Attribute("color")}'");
                return;
            case "AISMarkingStructure":
                ReadAis(structure, ref tlp, statements);
                return;
            case "TermsOfUseMarkingStructureType" when Stix1Xml.Text(Stix1Xml.Child(structure, "Terms_Of_Use")) is { } terms:
                statements.Add(new Stix1StatementMarking(terms));
                return;
            case "SimpleMarkingStructure" when Stix1Xml.Text(Stix1Xml.Child(structure, "Statement")) is { } statement:
                statements.Add(new Stix1StatementMarking(statement));
                return;
            default:
                Unconvertible(type ?? "(no xsi:type)");
                return;
        }
    }

    private void ReadAis(XElement structure, ref string? tlp, List<Stix1StatementMarking> statements)
    {
        var proprietary = Stix1Xml.Child(structure, "Is_Proprietary");
        var flags = proprietary ?? Stix1Xml.Child(structure, "Not_Proprietary");
        var consent = ((string?)Stix1Xml.Child(flags, "AISConsent")?.Attribute("consent"))?.Trim();
        var color = (string?)Stix1Xml.Child(flags, "TLPMarking")?.Attribute("color");
        if (flags is null || string.IsNullOrEmpty(consent))
        {
            Unconvertible("AISMarkingStructure without consent");
            return;
        }

        tlp ??= Stix1Tlp.MarkingId(color);
        var cisa = ((string?)flags.Attribute("CISA_Proprietary"))?.Trim().ToLowerInvariant() is "true" or "1";
        statements.Add(new Stix1StatementMarking(
            $"AIS consent: {consent.ToUpperInvariant()}; {(proprietary is null ? "not proprietary" : "proprietary")}; CISA proprietary: {(cisa ? "true" : "false")}"));
    }

    private string? Unconvertible(string name)
    {
        _unconvertible(name);
        return null;
    }

    private sealed class Stix1Marking
    {
        private readonly XElement? _controlledStructure;
        private readonly XElement _container;
        private readonly Action<string> _unconvertible;
        private HashSet<XObject>? _selected;
        private readonly bool _coversAll;
        private bool _evaluated;

        public Stix1Marking(XElement? controlledStructure, XElement container, string? tlpId, IReadOnlyList<Stix1StatementMarking> statements, Action<string> unconvertible)
        {
            _controlledStructure = Stix1Xml.Text(controlledStructure) is null ? null : controlledStructure;
            _coversAll = controlledStructure is not null
                && WholeDocument.Contains(string.Concat(controlledStructure.Value.Where(c => !char.IsWhiteSpace(c))));
            _container = container;
            TlpId = tlpId;
            Statements = statements;
            _unconvertible = unconvertible;
        }

        public string? TlpId { get; }

        public IReadOnlyList<Stix1StatementMarking> Statements { get; }

        public bool Covers(XElement element)
        {
            if (_coversAll)
            {
                return true;
            }

            if (!_evaluated)
            {
                _evaluated = true;
                _selected = Evaluate();
            }

            // Without a (readable) scope a marking covers the element whose Handling holds it, and what that contains.
            return _selected?.Contains(element) ?? (element == _container || element.Ancestors().Contains(_container));
        }

        private HashSet<XObject>? Evaluate()
        {
            if (_controlledStructure is null)
            {
                return null;
            }

            var xpath = _controlledStructure.Value.Trim();
            if (xpath.Length > MaxControlledStructureLength)
            {
                _unconvertible("Controlled_Structure longer than 2048 characters");
                return null;
            }

            try
            {
                var namespaces = new XmlNamespaceManager(new NameTable());
                foreach (var declaration in _controlledStructure.AncestorsAndSelf().SelectMany(e => e.Attributes()).Where(a => a.IsNamespaceDeclaration))
                {
                    var prefix = declaration.Name.Namespace == XNamespace.None ? string.Empty : declaration.Name.LocalName;
                    if (prefix.Length > 0 && !namespaces.HasNamespace(prefix))
                    {
                        namespaces.AddNamespace(prefix, declaration.Value);
                    }
                }

                return _controlledStructure.XPathEvaluate(xpath, namespaces) is IEnumerable<object> nodes
                    ? nodes.OfType<XObject>().ToHashSet()
                    : null;
            }
            catch (Exception ex) when (ex is XPathException or InvalidOperationException or ArgumentException)
            {
                _unconvertible("Controlled_Structure that is not an XPath node set");
                return null;
            }
        }
    }
}
