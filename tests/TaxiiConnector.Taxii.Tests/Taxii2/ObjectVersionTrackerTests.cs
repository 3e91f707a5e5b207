using System.Text.Json;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Taxii.Tests.Taxii2;

public sealed class ObjectVersionTrackerTests
{
    private static List<JsonElement> Objects(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();

    [Fact]
    public void AddAll_SameIdAndVersion_CountsOnce()
    {
        var tracker = new ObjectVersionTracker(100);

        tracker.AddAll(Objects("""[{"id":"a","modified":"1"},{"id":"a","modified":"2"},{"id":"b","created":"1"}]""")).Should().Be(3);
        tracker.AddAll(Objects("""[{"id":"a","modified":"1"},{"id":"b","created":"1"},{"id":"c"}]""")).Should().Be(1);
    }

    [Fact]
    public void AddAll_PageLargerThanWindow_TreatsForgottenObjectsAsNew()
    {
        var tracker = new ObjectVersionTracker(1);

        tracker.AddAll(Objects("""[{"id":"a"},{"id":"b"}]""")).Should().Be(2);
        tracker.AddAll(Objects("""[{"id":"a"},{"id":"b"}]""")).Should().Be(2, "a one-version window restarts on every object, so none is remembered (max_pages bounds such a loop)");
    }

    [Fact]
    public void AddAll_VersionPresentOrAbsent_DifferentVersions()
    {
        var tracker = new ObjectVersionTracker(100);

        tracker.AddAll(Objects("""[{"id":"a"},{"id":"a","modified":"1"},{"id":"a","created":"1"},{"id":"b","modified":"1"}]""")).Should().Be(3,
            "no version, version 1 and another id are three versions; created stands in for an absent modified");
        tracker.AddAll(Objects("""[{"id":"a"},{"id":"a","modified":"1"},{"id":"b","modified":"1"}]""")).Should().Be(0);
    }

    [Fact]
    public void AddAll_ModifiedTakesPrecedenceOverCreated()
    {
        var tracker = new ObjectVersionTracker(100);

        tracker.AddAll(Objects("""[{"id":"a","created":"1","modified":"2"}]""")).Should().Be(1);
        tracker.AddAll(Objects("""[{"id":"a","modified":"2"}]""")).Should().Be(0, "the version is modified when present");
        tracker.AddAll(Objects("""[{"id":"a","created":"2"}]""")).Should().Be(0, "created is the version when modified is absent");
        tracker.AddAll(Objects("""[{"id":"a","created":"1"}]""")).Should().Be(1);
    }

    [Fact]
    public void AddAll_ValuesWithoutId_TrackedByTheirWholeValue()
    {
        var tracker = new ObjectVersionTracker(100);

        tracker.AddAll(Objects("""["x",{"name":"n"},7]""")).Should().Be(3);
        tracker.AddAll(Objects("""["x",{"name":"n"},7,"y",{"name":"m"}]""")).Should().Be(2);
    }

    [Fact]
    public void AddAll_NoWindow_EverythingFresh()
    {
        var tracker = new ObjectVersionTracker(0);

        tracker.AddAll(Objects("""[{"id":"a"},{"id":"a"}]""")).Should().Be(2);
        tracker.AddAll(Objects("""[{"id":"a"}]""")).Should().Be(1);
    }
}
