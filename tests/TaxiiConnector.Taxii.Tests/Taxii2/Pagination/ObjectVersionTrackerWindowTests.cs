using System.Text.Json;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Taxii.Tests.Taxii2.Pagination;

public sealed class ObjectVersionTrackerWindowTests
{
    [Fact]
    public void AddAll_SamePageTwiceWithinWindow_SecondHasNothingFresh()
    {
        var tracker = new ObjectVersionTracker(capacity: 10);
        using var page = Page("a", "b", "c");

        tracker.AddAll(page.Objects).Should().Be(3);
        tracker.AddAll(page.Objects).Should().Be(0);
    }

    [Fact]
    public void AddAll_WindowRestartsBetweenCopies_RepeatCaughtAtMostOnePageLate()
    {
        var tracker = new ObjectVersionTracker(capacity: 4);
        using var first = Page("a", "b", "c");
        using var repeated = Page("d", "e", "f");

        tracker.AddAll(first.Objects).Should().Be(3);
        // The window fills on "e" and restarts: "f" (and later "d", "e") are the new window.
        tracker.AddAll(repeated.Objects).Should().Be(3);
        tracker.AddAll(repeated.Objects).Should().BeLessThan(3, "at least part of the page is still in the window");
        tracker.AddAll(repeated.Objects).Should().Be(0, "after one more page the whole repeat is in the window");
    }

    [Fact]
    public void AddAll_NewVersionOfSeenObject_CountsAsFresh()
    {
        var tracker = new ObjectVersionTracker(capacity: 10);
        using var old = Page("a");
        using var newer = Page(("a", "2026-02-01T00:00:00.000Z"));

        tracker.AddAll(old.Objects).Should().Be(1);
        tracker.AddAll(newer.Objects).Should().Be(1);
    }

    private static ParsedPage Page(params string[] ids) =>
        Page(ids.Select(id => (id, "2026-01-01T00:00:00.000Z")).ToArray());

    private static ParsedPage Page(params (string Id, string Modified)[] objects)
    {
        var json = "[" + string.Join(",", objects.Select(o =>
            $$"""{"type":"indicator","id":"indicator--{{o.Id}}","modified":"{{o.Modified}}"}""")) + "]";
        var document = JsonDocument.Parse(json);
        return new ParsedPage(document, [.. document.RootElement.EnumerateArray()]);
    }

    private sealed record ParsedPage(JsonDocument Document, IReadOnlyList<JsonElement> Objects) : IDisposable
    {
        public void Dispose() => Document.Dispose();
    }
}
