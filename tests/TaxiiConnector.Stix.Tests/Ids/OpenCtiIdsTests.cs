using System.Text;
using TaxiiConnector.Stix.Ids;

namespace TaxiiConnector.Stix.Tests.Ids;

public sealed class OpenCtiIdsTests
{
    [Theory]
    [InlineData("ACME Corp")]
    [InlineData("  acme corp ")]
    [InlineData("ACME CORP")]
    public void Identity_AcmeCorp_MatchesOpenCtiVector(string name)
    {
        OpenCtiIds.Identity(name).Should().Be("identity--542072da-8b33-50bf-810b-d9cfd2a0bc69");
    }

    [Fact]
    public void Identity_NonAsciiName_HashesRawUtf8LikePycti()
    {
        // Python: uuid5(ns, json.dumps({...}, sort_keys=True, separators=(',',':'), ensure_ascii=False)).
        OpenCtiIds.Identity("Société Générale").Should().Be("identity--2ef13193-e6d4-5246-a806-c4a56952ee6a");
    }

    [Fact]
    public void Note_SameContent_SameIdAsPycti()
    {
        OpenCtiIds.Note("indicator--c1f6a7a5-8d4e-4f3a-9b1e-2a7d3c4b5e6f")
            .Should().Be("note--61c8c1ca-cafa-5c43-bfd8-a2118d3b0f8c");
        OpenCtiIds.Note(" x ").Should().Be(OpenCtiIds.Note("x"));
        OpenCtiIds.Note("x").Should().NotBe(OpenCtiIds.Note("y"));
    }

    [Theory]
    [InlineData("indicator--c1f6a7a5-8d4e-4f3a-9b1e-2a7d3c4b5e6f")]
    [InlineData("indicator--00000000-0000-4000-8000-000000000000")]
    [InlineData("x")]
    public void TryWriteNoteId_StixId_SameIdAsNote(string content)
    {
        var id = new byte[OpenCtiIds.NoteIdLength];

        OpenCtiIds.TryWriteNoteId(Encoding.UTF8.GetBytes(content), id).Should().BeTrue();

        Encoding.ASCII.GetString(id).Should().Be(OpenCtiIds.Note(content));
    }

    [Theory]
    [InlineData(" x")]
    [InlineData("a\"b")]
    [InlineData("a\\b")]
    [InlineData("é")]
    [InlineData("")]
    public void TryWriteNoteId_ContentToTrimOrEscape_Declines(string content)
    {
        OpenCtiIds.TryWriteNoteId(Encoding.UTF8.GetBytes(content), new byte[OpenCtiIds.NoteIdLength]).Should().BeFalse();
    }

    [Fact]
    public void Note_ContentNeedingEscapes_CanonicalisedLikePython()
    {
        // Python: uuid5(ns, json.dumps({"content": 'say "hi" \\ \n\x01 é'}, separators=(',',':'), ensure_ascii=False)).
        OpenCtiIds.Note("say \"hi\" \\ \n\u0001 é").Should().Be("note--ec0bd9f1-9604-5c3c-91da-987d8c141351");
    }

    [Fact]
    public void UuidV5_RfcDnsExample_MatchesPythonUuid5()
    {
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        UuidV5.Create(dns, "www.example.com").Should().Be(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }

    [Fact]
    public void UuidV5_LongName_SameAsSpanOverload()
    {
        var name = new string('é', 2000);

        UuidV5.Create(OpenCtiIds.Namespace, name)
            .Should().Be(UuidV5.Create(OpenCtiIds.Namespace, System.Text.Encoding.UTF8.GetBytes(name)));
    }

    [Theory]
    [InlineData("malware--22222222-2222-4222-8222-222222222222", "malware", true)]
    [InlineData("malware--22222222-2222-4222-8222-222222222222", "tool", false)]
    [InlineData("malware-22222222-2222-4222-8222-222222222222", "malware", false)]
    [InlineData("malware--22222222222242228222222222222222", "malware", false)]
    [InlineData("malware--zz222222-2222-4222-8222-222222222222", "malware", false)]
    [InlineData("malware--", "malware", false)]
    public void StixId_IsValidFor_ChecksTypeAndUuid(string id, string type, bool expected)
    {
        StixId.IsValidFor(id, type).Should().Be(expected);
    }
}
