using TaxiiConnector.OpenCti.State;

namespace TaxiiConnector.OpenCti.Tests.State;

public sealed class ConnectorStateDocumentTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Load_NoState_IsEmpty(string? stored)
    {
        var state = new ConnectorStateDocument();
        state.SetCursor("k", "c", DateTimeOffset.UnixEpoch);

        state.Load(stored);

        state.Count.Should().Be(0);
        state.LegacyLastRun.Should().BeNull();
        state.ToJson().Should().Be("null");
    }

    [Fact]
    public void Load_CursorMapWithLastRun_NoLegacyLastRun()
    {
        var state = new ConnectorStateDocument();

        state.Load("""{"last_run":1700000000,"cursors":{"a":"1","b":"2"}}""");

        state.GetCursor("a").Should().Be("1");
        state.GetCursor("b").Should().Be("2");
        state.LegacyLastRun.Should().BeNull("collections without a cursor use the initial history once cursors exist");
    }

    [Fact]
    public void Load_LastRunAsString_ReadsLegacyLastRun()
    {
        var state = new ConnectorStateDocument();

        state.Load("""{"last_run":"1700000000"}""");

        state.LegacyLastRun.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1700000000));
    }

    [Theory]
    [InlineData(null, "null", true)]
    [InlineData("{}", "", true)]
    [InlineData("""{"a":1,"b":2}""", """{ "b":2, "a":1 }""", true)]
    [InlineData("""{"a":1}""", """{"a":2}""", false)]
    [InlineData("""{"a":1}""", null, false)]
    public void AreEquivalent_ComparesMeaning(string? left, string? right, bool expected) =>
        ConnectorStateDocument.AreEquivalent(left, right).Should().Be(expected);
}
