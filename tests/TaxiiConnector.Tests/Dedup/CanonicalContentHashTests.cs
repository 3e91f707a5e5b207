using System.Text;
using System.Text.Json;
using TaxiiConnector.Dedup;

namespace TaxiiConnector.Tests.Dedup;

public sealed class CanonicalContentHashTests
{
    private static long Hash(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CanonicalContentHash.Compute(document.RootElement, 7);
    }

    [Fact]
    public void Compute_MembersInAnotherOrder_SameHash() =>
        Hash("""{"type":"ipv4-addr","value":"198.51.100.1","id":"ipv4-addr--1","x":{"b":1,"a":[2,3]}}""")
            .Should().Be(Hash("""{ "x": {"a":[2,3], "b":1}, "id":"ipv4-addr--1", "value":"198.51.100.1", "type":"ipv4-addr" }"""));

    [Fact]
    public void Compute_EveryPrintableAsciiCharacterWrittenPlainOrEscaped_SameHash()
    {
        // Plain printable ASCII takes the raw-bytes path; the same text with every character escaped is decoded and
        // re-written by the JSON writer: both must give the writer's one form.
        var plain = new StringBuilder();
        var escaped = new StringBuilder();
        for (var c = (char)0x20; c <= 0x7E; c++)
        {
            if (c is '"' or '\\')
            {
                continue;
            }

            plain.Append(c);
            escaped.Append(FormattableString.Invariant($"\\u{(int)c:X4}"));
        }

        Hash("{\"value\":\"" + plain + "\"}").Should().Be(Hash("{\"value\":\"" + escaped + "\"}"));
    }

    [Fact]
    public void Compute_DifferentValue_DifferentHash() =>
        Hash("""{"type":"ipv4-addr","value":"198.51.100.1"}""").Should().NotBe(Hash("""{"type":"ipv4-addr","value":"198.51.100.2"}"""));

    [Fact]
    public void Compute_IsTheHashOfTheCanonicalText()
    {
        var canonical = """{"a":{"c":[1,2.50],"d":"x\u0001é"},"b":true}"""u8;

        Hash("""{ "b" : true, "a": { "d": "x\u0001\u00e9", "c": [1, 2.50] } }""")
            .Should().Be((long)System.IO.Hashing.XxHash3.HashToUInt64(canonical, 7));
    }

    [Fact]
    public void Compute_AnEscapedMemberName_SortedAndWrittenAsItsPlainForm() =>
        Hash("""{"\u0062":1,"a":2}""").Should().Be(Hash("""{"a":2,"b":1}"""));
}
