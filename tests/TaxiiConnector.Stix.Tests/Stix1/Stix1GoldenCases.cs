namespace TaxiiConnector.Stix.Tests.Stix1;

/// <summary>The golden cases: a name, the package, and the objects it must convert to (Stix1Goldens).</summary>
internal static class Stix1GoldenCases
{
    public static readonly IReadOnlyDictionary<string, string> Packages = new Dictionary<string, string>
    {
        ["tc-host-colon"] = Stix1Samples.Package(Stix1Samples.TcHostColon),
        ["tc-host-full"] = Stix1Samples.Package(Stix1Samples.TcHostFull),
        ["tc-address-ipv4"] = Stix1Samples.Package(Stix1Samples.TcAddressIpv4),
        ["tc-address-ipv6"] = Stix1Samples.Package(Stix1Samples.TcAddressIpv6),
        ["tc-url-escaping"] = Stix1Samples.Package(Stix1Samples.TcUrl),
        ["tc-file-three-hashes"] = Stix1Samples.Package(Stix1Samples.TcFileHashes),
        ["email-address"] = Stix1Samples.Package(Stix1Samples.EmailAddress),
        ["ip-watchlist-list"] = Stix1Samples.Package(Stix1Samples.IpWatchlistList),
        ["delimiter-producer-amber"] = Stix1Samples.Package(Stix1Samples.CustomDelimiterWithProducer, header: Stix1Samples.Tlp("AMBER")),
        ["hostname-red-over-green"] = Stix1Samples.Package(Stix1Samples.HostnameRedValidity, header: Stix1Samples.Tlp("GREEN")),
        ["url-contains"] = Stix1Samples.Package(Stix1Samples.UrlContains),
        ["composition-and-untyped-hash"] = Stix1Samples.Package(Stix1Samples.CompositionAndUntypedHash, observables: Stix1Samples.ReferencedObservable),
        ["email-message"] = Stix1Samples.Package(Stix1Samples.PhishingEmail),
        ["markings-ais-tou-scoped"] = Stix1Samples.Package(Stix1Samples.MarkedIndicators, header: Stix1Samples.AisHeader),
        ["package-ttps-incident-sighting-report"] = Stix1Samples.Package(Stix1Samples.RelatedIndicators, observables: Stix1Samples.PackageObservables, trailer: Stix1Samples.PackageSections),
    };

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Packages.Keys)
            {
                data.Add(name);
            }

            return data;
        }
    }
}
