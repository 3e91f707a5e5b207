using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Stix.Patterns;
using TaxiiConnector.Stix.Stix1;

namespace TaxiiConnector.Stix.Tests.Stix1;

/// <summary>
/// No pattern broader than its source: every CybOX constraint is expressed, or the indicator is skipped with a counted
/// reason. Conditions map as the STIX 2.1 patterning spec defines its operators (§9.5: =, LIKE with % and _, MATCHES
/// with PCRE); the elevator's convert_pattern.py maps Equals/FitsPattern/GreaterThan... the same way. Every pattern goes
/// through the project's pattern scanner.
/// </summary>
public sealed class Stix1PatternFidelityTests
{
    public static TheoryData<string, string, string> Converted => new()
    {
        {
            "file name, path and size",
            """<cybox:Properties xsi:type="FileObj:FileObjectType"><FileObj:File_Name>evil.exe</FileObj:File_Name><FileObj:File_Path fully_qualified="true">C:\Users\Public\evil.exe</FileObj:File_Path><FileObj:Size_In_Bytes>10240</FileObj:Size_In_Bytes><FileObj:Hashes><cyboxCommon:Hash><cyboxCommon:Type>MD5</cyboxCommon:Type><cyboxCommon:Simple_Hash_Value>0123456789ABCDEF0123456789abcdef</cyboxCommon:Simple_Hash_Value></cyboxCommon:Hash></FileObj:Hashes></cybox:Properties>""",
            @"[file:hashes.MD5 = '0123456789abcdef0123456789abcdef' AND file:name = 'evil.exe' AND file:parent_directory_ref.path = 'C:\\Users\\Public' AND file:size = 10240]"
        },
        {
            "fully qualified path without a name",
            """<cybox:Properties xsi:type="FileObj:FileObjectType"><FileObj:File_Path fully_qualified="true">/tmp/.x/run.sh</FileObj:File_Path></cybox:Properties>""",
            "[file:parent_directory_ref.path = '/tmp/.x' AND file:name = 'run.sh']"
        },
        {
            "size range and extension",
            """<cybox:Properties xsi:type="FileObj:FileObjectType"><FileObj:File_Extension>scr</FileObj:File_Extension><FileObj:Size_In_Bytes condition="GreaterThan">5000</FileObj:Size_In_Bytes></cybox:Properties>""",
            "[file:name LIKE '%.scr' AND file:size > 5000]"
        },
        {
            "two hashes and a name",
            """<cybox:Properties xsi:type="FileObj:FileObjectType"><FileObj:File_Name>a.dll</FileObj:File_Name><FileObj:Hashes><cyboxCommon:Hash><cyboxCommon:Type>MD5</cyboxCommon:Type><cyboxCommon:Simple_Hash_Value>0123456789abcdef0123456789abcdef</cyboxCommon:Simple_Hash_Value></cyboxCommon:Hash><cyboxCommon:Hash><cyboxCommon:Type>SHA256</cyboxCommon:Type><cyboxCommon:Simple_Hash_Value>0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef</cyboxCommon:Simple_Hash_Value></cyboxCommon:Hash></FileObj:Hashes></cybox:Properties>""",
            "[file:name = 'a.dll' AND (file:hashes.MD5 = '0123456789abcdef0123456789abcdef' OR file:hashes.'SHA-256' = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')]"
        },
        {
            "contains is LIKE",
            """<cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value condition="Contains">evil</cyboxDN:Value></cybox:Properties>""",
            "[domain-name:value LIKE '%evil%']"
        },
        {
            "starts with is LIKE",
            """<cybox:Properties xsi:type="URIObj:URIObjectType" type="URL"><URIObj:Value condition="StartsWith">http://evil.example/</URIObj:Value></cybox:Properties>""",
            "[url:value LIKE 'http://evil.example/%']"
        },
        {
            "ends with is LIKE",
            """<cybox:Properties xsi:type="HostnameObj:HostnameObjectType"><HostnameObj:Hostname_Value condition="EndsWith">.evil.example</HostnameObj:Hostname_Value></cybox:Properties>""",
            "[domain-name:value LIKE '%.evil.example']"
        },
        {
            "a LIKE wildcard in the value is a regular expression instead",
            """<cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value condition="StartsWith">my_host</cyboxDN:Value></cybox:Properties>""",
            "[domain-name:value MATCHES '^my_host']"
        },
        {
            "fits pattern is MATCHES",
            """<cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value condition="FitsPattern">^[a-z]{8}\.example$</cyboxDN:Value></cybox:Properties>""",
            @"[domain-name:value MATCHES '^[a-z]{8}\\.example$']"
        },
        {
            "case-insensitive equality",
            """<cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value condition="Equals" is_case_sensitive="false">Evil.Example</cyboxDN:Value></cybox:Properties>""",
            @"[domain-name:value MATCHES '(?i)^Evil\\.Example$']"
        },
        {
            "does not equal",
            """<cybox:Properties xsi:type="AddressObj:AddressObjectType" category="ipv4-addr"><AddressObj:Address_Value condition="DoesNotEqual">10.0.0.1</AddressObj:Address_Value></cybox:Properties>""",
            "[ipv4-addr:value != '10.0.0.1']"
        },
    };

    public static TheoryData<string, string, string> Skipped => new()
    {
        {
            "device path",
            """<cybox:Properties xsi:type="FileObj:FileObjectType"><FileObj:File_Name>a.exe</FileObj:File_Name><FileObj:Device_Path>\Device\HarddiskVolume1</FileObj:Device_Path></cybox:Properties>""",
            "unsupported constraint File.Device_Path"
        },
        {
            "file format",
            """<cybox:Properties xsi:type="FileObj:FileObjectType"><FileObj:File_Name>a.exe</FileObj:File_Name><FileObj:File_Format>PE32</FileObj:File_Format></cybox:Properties>""",
            "unsupported constraint File.File_Format"
        },
        {
            "a partial match on a path",
            """<cybox:Properties xsi:type="FileObj:FileObjectType"><FileObj:File_Path condition="Contains">Temp</FileObj:File_Path></cybox:Properties>""",
            "unsupported condition Contains on File.File_Path"
        },
        {
            "address VLAN",
            """<cybox:Properties xsi:type="AddressObj:AddressObjectType" category="ipv4-addr"><AddressObj:Address_Value>10.0.0.1</AddressObj:Address_Value><AddressObj:VLAN_Name>dmz</AddressObj:VLAN_Name></cybox:Properties>""",
            "unsupported constraint Address.VLAN_Name"
        },
        {
            "size as text",
            """<cybox:Properties xsi:type="FileObj:FileObjectType"><FileObj:Size_In_Bytes>big</FileObj:Size_In_Bytes></cybox:Properties>""",
            "File.Size_In_Bytes is not an integer"
        },
        {
            "condition without an equivalent",
            """<cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value condition="DoesNotContain">evil</cyboxDN:Value></cybox:Properties>""",
            "unsupported condition DoesNotContain"
        },
    };

    [Theory]
    [MemberData(nameof(Converted))]
    public void AddPackage_Constraint_ExpressedInThePattern(string because, string properties, string expected)
    {
        var pattern = ConvertSingle(properties, out var skipReasons);

        skipReasons.Should().BeEmpty(because);
        pattern.Should().Be(expected, because);
        AssertScannerAccepts(pattern!);
    }

    [Theory]
    [MemberData(nameof(Skipped))]
    public void AddPackage_ConstraintWithoutExactEquivalent_SkipsTheIndicatorWithItsReason(string because, string properties, string reason)
    {
        var pattern = ConvertSingle(properties, out var skipReasons);

        pattern.Should().BeNull(because);
        skipReasons.Should().Equal(new Dictionary<string, int> { [reason] = 1 });
    }

    [Fact]
    public void AddPackage_RelatedObjectOnAFile_Skipped()
    {
        const string observable = """
            <cybox:Object><cybox:Properties xsi:type="FileObj:FileObjectType"><FileObj:File_Name>a.exe</FileObj:File_Name></cybox:Properties>
              <cybox:Related_Objects><cybox:Related_Object><cybox:Properties xsi:type="cyboxDN:DomainNameObjectType"><cyboxDN:Value>x.example</cyboxDN:Value></cybox:Properties><cybox:Relationship>Connected_To</cybox:Relationship></cybox:Related_Object></cybox:Related_Objects>
            </cybox:Object>
            """;

        var pattern = ConvertObservable(observable, out var skipReasons);

        pattern.Should().BeNull();
        skipReasons.Keys.Should().Equal("unsupported constraint Object.Related_Objects");
    }

    /// <summary>Checks a pattern with the scanner the transformer uses: an object type is found, quotes balance, brackets balance.</summary>
    internal static void AssertScannerAccepts(string pattern)
    {
        StixPatternScanner.TryGetFirstObjectType(pattern, out var type).Should().BeTrue(pattern);
        type.ToString().Should().MatchRegex("^[a-z0-9-]+$");
        StixPatternScanner.Scan(pattern, out var lastLiteral);
        lastLiteral.Should().NotBeNull("every comparison has a literal: {0}", pattern);
        var depth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\'')
            {
                i++;
                while (i < pattern.Length && pattern[i] != '\'')
                {
                    i += pattern[i] == '\\' ? 2 : 1;
                }

                i.Should().BeLessThan(pattern.Length, "every literal is closed: {0}", pattern);
                continue;
            }

            depth += pattern[i] switch { '[' or '(' => 1, ']' or ')' => -1, _ => 0 };
            depth.Should().BeGreaterThanOrEqualTo(0, pattern);
        }

        depth.Should().Be(0, pattern);
    }

    internal static string? ConvertSingle(string properties, out IReadOnlyDictionary<string, int> skipReasons) =>
        ConvertObservable($"<cybox:Object>{properties}</cybox:Object>", out skipReasons);

    private static string? ConvertObservable(string observableContent, out IReadOnlyDictionary<string, int> skipReasons)
    {
        var indicator = $"""
            <stix:Indicator id="example:Indicator-fidelity" timestamp="2026-11-19T16:12:00.000Z">
              <indicator:Observable>{observableContent}</indicator:Observable>
            </stix:Indicator>
            """;
        var converter = new Stix1Converter(new Stix1ConverterOptions(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)));
        using var page = converter.CreatePage();
        page.AddPackage(XElement.Parse(Stix1Samples.Package(indicator)));
        using var doc = page.ToJsonDocument();
        skipReasons = page.SkipReasons.ToDictionary();
        return doc.RootElement.EnumerateArray()
            .Where(o => o.GetProperty("type").GetString() == "indicator")
            .Select(o => o.GetProperty("pattern").GetString())
            .SingleOrDefault();
    }
}
