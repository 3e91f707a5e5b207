using System.Text;
using TaxiiConnector.Dedup;

namespace TaxiiConnector.Tests.Dedup;

public sealed class ObjectVersionTests
{
    private const string NoteJson =
        """{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000001","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-02T00:00:00.000Z","content":"original id"}""";

    [Fact]
    public void OfOwnObject_IdReadFromTheJson_SameVersionAsWithTheIdGiven()
    {
        var json = Encoding.UTF8.GetBytes(NoteJson);

        ObjectVersion.OfOwnObject(null, json).Should().Be(ObjectVersion.OfOwnObject("note--00000000-0000-4000-8000-000000000001", json));
        ObjectVersion.OfOwnObject(null, json).IdHash.Should().Be(ObjectVersion.HashId("note--00000000-0000-4000-8000-000000000001"));
    }

    [Fact]
    public void OfOwnObject_OtherCreatedAndModified_SameVersion_OtherContent_NewVersion()
    {
        var rebuilt = NoteJson.Replace("2026-01-02T00:00:00.000Z", "2026-05-05T00:00:00.000Z", StringComparison.Ordinal)
            .Replace("2026-01-01T00:00:00.000Z", "2026-05-05T00:00:00.000Z", StringComparison.Ordinal);
        var changed = NoteJson.Replace("original id", "another id", StringComparison.Ordinal);

        ObjectVersion.OfOwnObject(null, Encoding.UTF8.GetBytes(rebuilt)).Should().Be(ObjectVersion.OfOwnObject(null, Encoding.UTF8.GetBytes(NoteJson)));
        ObjectVersion.OfOwnObject(null, Encoding.UTF8.GetBytes(changed)).Version
            .Should().NotBe(ObjectVersion.OfOwnObject(null, Encoding.UTF8.GetBytes(NoteJson)).Version);
    }
}
