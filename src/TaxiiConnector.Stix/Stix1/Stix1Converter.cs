using System.Globalization;
using System.Xml.Linq;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>
/// Converts STIX 1.1.1 packages (as TAXII 1.1 content blocks deliver them) to STIX 2.1 objects: indicators with patterns,
/// optional observables with <c>based-on</c> relationships, producer identities, TLP markings and external references,
/// with deterministic ids so a re-poll upserts instead of duplicating. Output is written page by page
/// (<see cref="CreatePage"/>), one UTF-8 JSON array per page.
/// </summary>
public sealed class Stix1Converter
{
    private static readonly Dictionary<string, string> IndicatorTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["IP Watchlist"] = "ip-watchlist",
        ["Domain Watchlist"] = "domain-watchlist",
        ["URL Watchlist"] = "url-watchlist",
        ["File Hash Watchlist"] = "file-hash-watchlist",
        ["File Watchlist"] = "file-hash-watchlist",
        ["Malicious E-mail"] = "malicious-email",
        ["C2"] = "command-and-control",
        ["Anonymization"] = "anonymization",
        ["Exfiltration"] = "exfiltration",
        ["Host Characteristics"] = "host-characteristics",
        ["Login Name"] = "login-name",
        ["Malware Artifacts"] = "malware-artifacts",
        ["IMEI Watchlist"] = "imei-watchlist",
        ["IMSI Watchlist"] = "imsi-watchlist",
        ["Compromised PKI Certificate"] = "compromised-pki-certificate",
    };

    private readonly Stix1ConverterOptions _options;
    private readonly TimeProvider _timeProvider;

    public Stix1Converter(Stix1ConverterOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>A new page to add packages to; dispose it if <see cref="Stix1Page.ToJsonDocument"/> is never called.</summary>
    public Stix1Page CreatePage() => new(this);

    internal static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal void Convert(XElement package, Stix1Page page)
    {
        var context = new PackageContext(package, _timeProvider.GetUtcNow(), page.UnconvertibleMarking);
        var objectRefs = page.BeginPackage();
        var others = new Stix1PackageObjects(package, page, context.Markings, context.PackageTimestamp ?? context.Now);
        others.Ttps();
        var indicators = Stix1Xml.Children(Stix1Xml.Child(package, "Indicators"), "Indicator").ToList();
        if (package.Name.LocalName == "Indicator")
        {
            // Some servers put a bare indicator in the content block.
            indicators.Add(package);
        }

        var converted = new List<(XElement Element, string Stix1Id, Stix1ConvertedIndicator Indicator)>();
        foreach (var indicator in indicators)
        {
            var stix1Id = (string?)indicator.Attribute("id");
            Stix1ConvertedIndicator result;
            try
            {
                result = ConvertIndicator(indicator, stix1Id, context);
            }
            catch (Stix1SkipException ex)
            {
                page.Skip(ex.Message);
                continue;
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or OverflowException)
            {
                // Hostile or broken input must cost one indicator, not the window: nothing was written for it yet.
                page.Skip($"conversion failed ({ex.GetType().Name})");
                continue;
            }

            page.Write(result, _options.CreateObservables);
            if (!string.IsNullOrWhiteSpace(stix1Id))
            {
                others.Indicator(stix1Id, result.Id);
                converted.Add((indicator, stix1Id, result));
            }
        }

        foreach (var (element, stix1Id, indicator) in converted)
        {
            others.IndicatorRelationships(element, indicator.Id, indicator.Markings, indicator.Created);
            others.Sightings(element, stix1Id, indicator.Id, indicator.Markings, indicator.Created);
        }

        others.Incidents();
        var referenced = indicators
            .SelectMany(i => i.Descendants().Where(e => e.Name.LocalName == "Observable"))
            .Select(o => ((string?)o.Attribute("idref"))?.Trim())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        others.Observables(new Stix1PatternBuilder(context.References), referenced);
        others.CountUnconvertedSections();
        if (_options.CreateReport)
        {
            others.Report(objectRefs);
        }
    }

    private Stix1ConvertedIndicator ConvertIndicator(XElement indicator, string? stix1Id, PackageContext context)
    {
        if (stix1Id is null && indicator.Attribute("idref") is not null)
        {
            throw new Stix1SkipException("indicator reference without content");
        }

        if (Stix1Xml.Child(indicator, "Composite_Indicator_Expression") is not null)
        {
            throw new Stix1SkipException("composite indicator expression");
        }

        if (Stix1MessageBool(indicator.Attribute("negate")))
        {
            throw new Stix1SkipException("negated indicator");
        }

        var observable = Stix1Xml.Child(indicator, "Observable") ?? throw new Stix1SkipException("indicator without observable");
        var pattern = new Stix1PatternBuilder(context.References).Build(observable);

        var created = Timestamp(indicator.Attribute("timestamp")?.Value)
            ?? context.PackageTimestamp
            ?? Timestamp(Stix1Xml.Text(Stix1Xml.Path(indicator, "Producer", "Time", "Produced_Time")))
            ?? context.Now;
        var validFrom = Timestamp(Stix1Xml.Text(Stix1Xml.Path(indicator, "Valid_Time_Position", "Start_Time"))) ?? created;
        var validUntil = Timestamp(Stix1Xml.Text(Stix1Xml.Path(indicator, "Valid_Time_Position", "End_Time")));
        if (validUntil <= validFrom)
        {
            validUntil = null;
        }

        var rawDescription = Stix1Xml.Text(Stix1Xml.Child(indicator, "Description")) ?? Stix1Xml.Text(Stix1Xml.Child(indicator, "Short_Description"));
        TcV2Description? tc = null;
        if (_options.ParseTcV2Descriptions && TcV2Description.TryParse(rawDescription, out var parsed))
        {
            tc = parsed;
        }

        var producerName = Stix1Xml.Text(Stix1Xml.Path(indicator, "Producer", "Identity", "Name"));
        var authorName = tc?.Owner ?? producerName;
        var labels = new List<string>();
        if (tc?.Rating is { } rating)
        {
            labels.Add("tc-rating:" + rating.ToString("0.##", CultureInfo.InvariantCulture));
        }

        if (tc?.FalsePositives is > 0)
        {
            labels.Add("tc-false-positives:" + tc.FalsePositives.Value.ToString(CultureInfo.InvariantCulture));
        }

        var references = new List<(string Source, string? Url, string? Description)>();
        foreach (var reference in Stix1Xml.Children(Stix1Xml.Path(indicator, "Producer", "References"), "Reference"))
        {
            if (Stix1Xml.Text(reference) is { } url)
            {
                references.Add((producerName ?? "STIX 1 producer", url, null));
            }
        }

        if (tc?.Source is { } source)
        {
            references.Add((source, null, "ThreatConnect source attribute"));
        }

        var type = Stix1Xml.Text(Stix1Xml.Child(indicator, "Type"));
        var indicatorType = type is null ? null : IndicatorTypes.GetValueOrDefault(type) ?? type.ToLowerInvariant().Replace(' ', '-');
        var id = _options.IndicatorIds == Stix1IndicatorIdSource.Stix1Id && !string.IsNullOrWhiteSpace(stix1Id)
            ? Stix1Ids.IndicatorFromStix1Id(stix1Id.Trim())
            : Stix1Ids.IndicatorFromPattern(pattern.Pattern);

        return new Stix1ConvertedIndicator(
            id,
            created,
            Name: Stix1Xml.Text(Stix1Xml.Child(indicator, "Title")) ?? tc?.Value ?? pattern.DisplayValue,
            Description: tc is null ? rawDescription : tc.Description,
            IndicatorType: indicatorType,
            Pattern: pattern,
            validFrom,
            validUntil,
            Confidence: Stix1Confidence.ToStix21(Stix1Xml.Text(Stix1Xml.Path(indicator, "Confidence", "Value"))),
            Score: tc?.Score,
            labels,
            AuthorName: authorName,
            Markings: context.Markings.For(indicator),
            references);
    }

    private static bool Stix1MessageBool(XAttribute? attribute) =>
        attribute is not null && (attribute.Value.Trim() == "1" || attribute.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));

    private static DateTimeOffset? Timestamp(string? text) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;

    private sealed class PackageContext
    {
        public PackageContext(XElement package, DateTimeOffset now, Action<string> unconvertibleMarking)
        {
            References = new Stix1References(package);
            Now = now;
            PackageTimestamp = Timestamp((string?)package.Attribute("timestamp"));
            Markings = new Stix1Markings(package, unconvertibleMarking);
        }

        public DateTimeOffset Now { get; }

        public DateTimeOffset? PackageTimestamp { get; }

        public Stix1Markings Markings { get; }

        public Stix1References References { get; }
    }
}

internal sealed record Stix1ConvertedIndicator(
    string Id,
    DateTimeOffset Created,
    string Name,
    string? Description,
    string? IndicatorType,
    Stix1ObservablePattern Pattern,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil,
    int? Confidence,
    int? Score,
    IReadOnlyList<string> Labels,
    string? AuthorName,
    Stix1MarkingSet Markings,
    IReadOnlyList<(string Source, string? Url, string? Description)> References);
