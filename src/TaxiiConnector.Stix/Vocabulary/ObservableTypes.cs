using System.Collections.Frozen;

namespace TaxiiConnector.Stix.Vocabulary;

/// <summary>
/// STIX cyber-observable types OpenCTI imports (pycti <c>StixCyberObservableTypes</c>, platform identifier contributions),
/// with the OpenCTI entity type that <c>x_opencti_main_observable_type</c> expects for each.
/// </summary>
public static class ObservableTypes
{
    private static readonly FrozenDictionary<string, string> MainTypeByStixType = Build();

    /// <summary>True when <paramref name="stixType"/> is a cyber observable OpenCTI knows (case-insensitive).</summary>
    public static bool IsObservable(string stixType) => MainTypeByStixType.ContainsKey(stixType);

    /// <summary>The OpenCTI main observable type for a STIX pattern object type (<c>file</c> → <c>StixFile</c>).</summary>
    public static bool TryGetMainObservableType(ReadOnlySpan<char> stixType, out string mainType)
    {
        var lookup = MainTypeByStixType.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(stixType, out var found))
        {
            mainType = found;
            return true;
        }

        mainType = string.Empty;
        return false;
    }

    private static FrozenDictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["autonomous-system"] = "Autonomous-System",
            ["directory"] = "Directory",
            ["domain-name"] = "Domain-Name",
            ["email-addr"] = "Email-Addr",
            ["email-message"] = "Email-Message",
            ["email-mime-part-type"] = "Email-Mime-Part-Type",
            ["artifact"] = "Artifact",
            ["file"] = "StixFile",
            ["x509-certificate"] = "X509-Certificate",
            ["ipv4-addr"] = "IPv4-Addr",
            ["ipv6-addr"] = "IPv6-Addr",
            ["mac-addr"] = "Mac-Addr",
            ["mutex"] = "Mutex",
            ["network-traffic"] = "Network-Traffic",
            ["process"] = "Process",
            ["software"] = "Software",
            ["url"] = "Url",
            ["user-account"] = "User-Account",
            ["windows-registry-key"] = "Windows-Registry-Key",
            ["windows-registry-value-type"] = "Windows-Registry-Value-Type",
            ["hostname"] = "Hostname",
            ["cryptographic-key"] = "Cryptographic-Key",
            ["cryptocurrency-wallet"] = "Cryptocurrency-Wallet",
            ["text"] = "Text",
            ["user-agent"] = "User-Agent",
            ["bank-account"] = "Bank-Account",
            ["phone-number"] = "Phone-Number",
            ["payment-card"] = "Payment-Card",
            ["media-content"] = "Media-Content",
            ["credential"] = "Credential",
            ["tracking-number"] = "Tracking-Number",
            ["persona"] = "Persona",
        };

        // OpenCTI 4.x/5.x exported its custom observables with an x-opencti- prefix; producers still send them.
        foreach (var legacy in new[] { "hostname", "cryptographic-key", "cryptocurrency-wallet", "text", "user-agent" })
        {
            map["x-opencti-" + legacy] = map[legacy];
        }

        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
