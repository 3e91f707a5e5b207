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
}
