using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>
/// The rest of a STIX 1 package beside its indicators: TTPs (attack-pattern with CAPEC references, or malware),
/// incidents, indicator sightings, stand-alone observables (SCOs), the relationships between them (indicated TTP,
/// related indicators, leveraged TTPs), and the package header as a report referencing everything converted. Ids
/// derive from the STIX 1 ids; what is not converted is counted per element type.
/// </summary>
internal sealed class Stix1PackageObjects
{
    /// <summary>Top-level package sections and what the converter does with them; any other section is counted.</summary>
    private static readonly HashSet<string> ConvertedSections = new(StringComparer.Ordinal)
    {
        "STIX_Header", "Indicators", "TTPs", "Incidents", "Observables",
    };

    private readonly XElement _package;
    private readonly Stix1Page _page;
    private readonly Stix1Markings _markings;
    private readonly DateTimeOffset _packageTime;

    /// <summary>STIX 1 TTP and indicator ids to the STIX 2.1 ids they were converted to.</summary>
    private readonly Dictionary<string, string> _converted = new(StringComparer.Ordinal);

    public Stix1PackageObjects(XElement package, Stix1Page page, Stix1Markings markings, DateTimeOffset packageTime)
    {
        _package = package;
        _page = page;
        _markings = markings;
        _packageTime = packageTime;
    }

    public static string FromStix1Id(string type, string stix1Id) => type + "--" + Stix1Ids.UuidV5(Stix1Ids.Stix1Namespace, stix1Id.Trim());

    public void Indicator(string stix1Id, string stix2Id) => _converted[stix1Id.Trim()] = stix2Id;

    /// <summary>Counts the package sections nothing converts (campaigns, threat actors, exploit targets, courses of action, ...).</summary>
    public void CountUnconvertedSections()
    {
        foreach (var section in _package.Elements().Where(e => !ConvertedSections.Contains(e.Name.LocalName)))
        {
            foreach (var element in section.Elements())
            {
                _page.NotConvertedElement(element.Name.LocalName);
            }
        }
    }

    public void Ttps()
    {
        foreach (var ttp in Stix1Xml.Children(Stix1Xml.Child(_package, "TTPs"), "TTP"))
        {
            if ((string?)ttp.Attribute("id") is not { Length: > 0 } stix1Id)
            {
                continue;
            }

            var behavior = Stix1Xml.Child(ttp, "Behavior");
            var malware = Stix1Xml.Children(Stix1Xml.Child(behavior, "Malware"), "Malware_Instance").FirstOrDefault();
            var attackPattern = Stix1Xml.Children(Stix1Xml.Child(behavior, "Attack_Patterns"), "Attack_Pattern").FirstOrDefault();
            var created = Time(ttp);
            JsonObject sdo;
            if (malware is not null)
            {
                sdo = Common("malware", FromStix1Id("malware", stix1Id), created);
                sdo["name"] = Stix1Xml.Text(Stix1Xml.Child(malware, "Name")) ?? Stix1Xml.Text(Stix1Xml.Child(malware, "Title")) ?? Stix1Xml.Text(Stix1Xml.Child(ttp, "Title")) ?? stix1Id;
                Description(sdo, malware, ttp);
                var types = Stix1Xml.Children(malware, "Type").Select(Stix1Xml.Text).OfType<string>().Select(t => t.ToLowerInvariant().Replace(' ', '-')).ToList();
                if (types.Count > 0)
                {
                    sdo["malware_types"] = new JsonArray([.. types.Select(t => (JsonNode)t)]);
                }

                sdo["is_family"] = false;
            }
            else if (attackPattern is not null)
            {
                sdo = Common("attack-pattern", FromStix1Id("attack-pattern", stix1Id), created);
                sdo["name"] = Stix1Xml.Text(Stix1Xml.Child(attackPattern, "Title")) ?? Stix1Xml.Text(Stix1Xml.Child(ttp, "Title")) ?? stix1Id;
                Description(sdo, attackPattern, ttp);
                if (((string?)attackPattern.Attribute("capec_id"))?.Trim() is { Length: > 0 } capec)
                {
                    var externalId = capec.StartsWith("CAPEC-", StringComparison.OrdinalIgnoreCase) ? "CAPEC-" + capec[6..] : "CAPEC-" + capec;
                    sdo["external_references"] = new JsonArray(new JsonObject
                    {
                        ["source_name"] = "capec",
                        ["url"] = $"https://capec.mitre.org/data/definitions/{externalId[6..]}.html",
                        ["external_id"] = externalId,
                    });
                }
            }
            else
            {
                _page.NotConvertedElement("TTP");
                continue;
            }

            _converted[stix1Id.Trim()] = (string)sdo["id"]!;
            _page.WriteObject(sdo, _markings.For(ttp), created);
        }
    }

    public void Incidents()
    {
        foreach (var incident in Stix1Xml.Children(Stix1Xml.Child(_package, "Incidents"), "Incident"))
        {
            if ((string?)incident.Attribute("id") is not { Length: > 0 } stix1Id)
            {
                continue;
            }

            var created = Time(incident);
            var id = FromStix1Id("incident", stix1Id);
            var sdo = Common("incident", id, created);
            sdo["name"] = Stix1Xml.Text(Stix1Xml.Child(incident, "Title")) ?? stix1Id;
            Description(sdo, incident, null);
            var markings = _markings.For(incident);
            _page.WriteObject(sdo, markings, created);
            foreach (var related in RelatedIds(incident, "Related_Indicators", "Related_Indicator", "Indicator"))
            {
                Relationship("related-to", related, id, markings, created);
            }

            foreach (var ttp in RelatedIds(incident, "Leveraged_TTPs", "Leveraged_TTP", "TTP"))
            {
                Relationship("uses", id, ttp, markings, created);
            }
        }
    }

    /// <summary>An indicator's indicated TTPs and related indicators, once every TTP and indicator of the package is known.</summary>
    public void IndicatorRelationships(XElement indicator, string indicatorId, Stix1MarkingSet markings, DateTimeOffset created)
    {
        foreach (var ttp in RelatedIds(indicator, "Indicated_TTP", null, "TTP"))
        {
            Relationship("indicates", indicatorId, ttp, markings, created);
        }

        foreach (var related in RelatedIds(indicator, "Related_Indicators", "Related_Indicator", "Indicator"))
        {
            Relationship("related-to", indicatorId, related, markings, created);
        }
    }

    /// <summary>The indicator's sightings (STIX 1 <c>Sighting</c>: a time and a source) as <c>sighting</c> objects of it.</summary>
    public void Sightings(XElement indicator, string stix1Id, string indicatorId, Stix1MarkingSet markings, DateTimeOffset created)
    {
        var index = 0;
        foreach (var sighting in Stix1Xml.Children(Stix1Xml.Child(indicator, "Sightings"), "Sighting"))
        {
            index++;
            var source = Stix1Xml.Text(Stix1Xml.Path(sighting, "Source", "Identity", "Name"));
            if (source is null)
            {
                // OpenCTI records a sighting between the indicator and where it was sighted: without a source there is no such object.
                _page.NotConvertedElement("Sighting without source");
                continue;
            }

            var identity = Common("identity", Stix1Ids.Identity(source), created);
            identity["name"] = source.Trim();
            identity["identity_class"] = "organization";
            _page.WriteObject(identity, markings, created);
            var seen = Timestamp((string?)sighting.Attribute("timestamp")) ?? created;
            var sdo = Common("sighting", "sighting--" + Stix1Ids.UuidV5(Stix1Ids.Stix1Namespace, $"{stix1Id.Trim()}/Sighting[{index}]"), created);
            Description(sdo, sighting, null);
            sdo["first_seen"] = Stix1Converter.FormatTimestamp(seen);
            sdo["last_seen"] = Stix1Converter.FormatTimestamp(seen);
            sdo["count"] = 1;
            sdo["sighting_of_ref"] = indicatorId;
            sdo["where_sighted_refs"] = new JsonArray((JsonNode)(string)identity["id"]!);
            _page.WriteObject(sdo, markings, created);
        }
    }

    /// <summary>Package-level observables no indicator references: their exact observables as SCOs; the rest counted.</summary>
    public void Observables(Stix1PatternBuilder builder, HashSet<string> referencedByIndicators)
    {
        foreach (var observable in Stix1Xml.Children(Stix1Xml.Child(_package, "Observables"), "Observable"))
        {
            if ((string?)observable.Attribute("id") is { } id && referencedByIndicators.Contains(id.Trim()))
            {
                continue;
            }

            IReadOnlyList<Stix1Observable> scos;
            try
            {
                scos = builder.Build(observable).Observables;
            }
            catch (Stix1SkipException)
            {
                scos = [];
            }

            if (scos.Count == 0)
            {
                _page.NotConvertedElement("Observable");
                continue;
            }

            var markings = _markings.For(observable);
            foreach (var sco in scos)
            {
                WriteObservable(sco, markings);
            }
        }
    }

    /// <summary>The package header as a report over <paramref name="objectRefs"/> (nothing when the package has no header or converted nothing).</summary>
    public void Report(IReadOnlyList<string> objectRefs)
    {
        var header = Stix1Xml.Child(_package, "STIX_Header");
        var title = Stix1Xml.Text(Stix1Xml.Child(header, "Title"));
        var description = Stix1Xml.Text(Stix1Xml.Child(header, "Description")) ?? Stix1Xml.Text(Stix1Xml.Child(header, "Short_Description"));
        if (header is null || (title is null && description is null) || objectRefs.Count == 0)
        {
            return;
        }

        var published = Stix1Converter.FormatTimestamp(_packageTime);
        var name = title ?? (string?)_package.Attribute("id") ?? "STIX 1 package";
        var id = (string?)_package.Attribute("id") is { Length: > 0 } packageId
            ? FromStix1Id("report", packageId)
            : "report--" + Stix1Ids.UuidV5(Stix1Ids.OpenCtiNamespace, Ids.CanonicalJson.Serialize(new("name", name.Trim().ToLowerInvariant()), new("published", published)));
        var report = Common("report", id, _packageTime);
        report["name"] = name;
        if (description is not null)
        {
            report["description"] = description;
        }

        report["report_types"] = new JsonArray("threat-report");
        report["published"] = published;
        report["object_refs"] = new JsonArray([.. objectRefs.Select(r => (JsonNode)r)]);
        _page.WriteObject(report, _markings.Package, _packageTime, referenced: false);
    }

    private void WriteObservable(Stix1Observable observable, Stix1MarkingSet markings)
    {
        foreach (var reference in observable.References)
        {
            WriteObservable(reference, markings);
        }

        var sco = new JsonObject { ["type"] = observable.Type, ["spec_version"] = "2.1", ["id"] = observable.Id };
        foreach (var (name, value) in observable.Properties)
        {
            sco[name] = value?.DeepClone();
        }

        _page.WriteObject(sco, markings, _packageTime);
        foreach (var related in observable.Related)
        {
            WriteObservable(related, markings);
            RelationshipTo("related-to", observable.Id, related.Id, markings, _packageTime);
        }
    }

    private void Relationship(string type, string sourceStix1OrId, string targetStix1Id, Stix1MarkingSet markings, DateTimeOffset created)
    {
        var source = sourceStix1OrId.Contains("--", StringComparison.Ordinal) ? sourceStix1OrId : _converted.GetValueOrDefault(sourceStix1OrId);
        var target = targetStix1Id.Contains("--", StringComparison.Ordinal) ? targetStix1Id : _converted.GetValueOrDefault(targetStix1Id);
        if (source is null || target is null)
        {
            // The other end was not converted (or is in another package): nothing to relate.
            _page.NotConvertedElement("relationship to an unconverted object");
            return;
        }

        RelationshipTo(type, source, target, markings, created);
    }

    private void RelationshipTo(string type, string source, string target, Stix1MarkingSet markings, DateTimeOffset created)
    {
        var relationship = Common("relationship", Stix1Ids.Relationship(type, source, target), created);
        relationship["relationship_type"] = type;
        relationship["source_ref"] = source;
        relationship["target_ref"] = target;
        _page.WriteObject(relationship, markings, created);
    }

    /// <summary>The STIX 1 ids an element relates to: <c>container/[wrapper/]element@idref</c> (or <c>@id</c> of an inline one).</summary>
    private static IEnumerable<string> RelatedIds(XElement element, string container, string? wrapper, string target)
    {
        var holder = Stix1Xml.Child(element, container);
        var wrappers = wrapper is null ? Stix1Xml.Children(element, container) : Stix1Xml.Children(holder, wrapper);
        foreach (var item in wrappers)
        {
            var reference = Stix1Xml.Child(item, target);
            var id = ((string?)reference?.Attribute("idref") ?? (string?)reference?.Attribute("id"))?.Trim();
            if (!string.IsNullOrEmpty(id))
            {
                yield return id;
            }
        }
    }

    private static JsonObject Common(string type, string id, DateTimeOffset created)
    {
        var stamp = Stix1Converter.FormatTimestamp(created);
        var sdo = new JsonObject { ["type"] = type, ["spec_version"] = "2.1", ["id"] = id };
        if (type is not ("marking-definition"))
        {
            sdo["created"] = stamp;
            sdo["modified"] = stamp;
        }

        return sdo;
    }

    private static void Description(JsonObject sdo, XElement primary, XElement? fallback)
    {
        var description = Stix1Xml.Text(Stix1Xml.Child(primary, "Description")) ?? Stix1Xml.Text(Stix1Xml.Child(primary, "Short_Description"))
            ?? Stix1Xml.Text(Stix1Xml.Child(fallback, "Description")) ?? Stix1Xml.Text(Stix1Xml.Child(fallback, "Short_Description"));
        if (description is not null)
        {
            sdo["description"] = description;
        }
    }

    private DateTimeOffset Time(XElement element) => Timestamp((string?)element.Attribute("timestamp")) ?? _packageTime;

    private static DateTimeOffset? Timestamp(string? text) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;
}
