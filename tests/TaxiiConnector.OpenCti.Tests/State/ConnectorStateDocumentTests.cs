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
        state.SetCursor("k", "c");
        state.SetLastRun(DateTimeOffset.UnixEpoch);

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
    public void PythonState_AfterCommitsAndReload_StillGivesEveryCollectionWithoutCursorThePythonLastRun()
    {
        // The Python TAXII2 connector's whole state is {"last_run": <epoch>} (connectors external-import/taxii2).
        var state = new ConnectorStateDocument();
        state.Load("""{"last_run":1700000000}""");

        state.SetCursor("a", "2026-01-01T00:00:00.000Z");
        var reloaded = new ConnectorStateDocument();
        reloaded.Load(state.ToJson());

        reloaded.GetCursor("a").Should().Be("2026-01-01T00:00:00.000Z");
        reloaded.LegacyLastRun.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        reloaded.LastRun.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1700000000), "no run of ours completed yet");
    }

    [Fact]
    public void SetLastRun_WritesTheRunStartInThePythonShape()
    {
        var state = new ConnectorStateDocument();
        state.SetCursor("a", "c1");

        state.SetLastRun(new DateTimeOffset(2026, 11, 24, 10, 0, 0, 900, TimeSpan.Zero));

        using var json = System.Text.Json.JsonDocument.Parse(state.ToJson());
        json.RootElement.GetProperty("last_run").GetInt64().Should().Be(1795514400, "int epoch seconds, as the Python connector reads it");
        state.LegacyLastRun.Should().BeNull("this state never was the Python connector's");
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
