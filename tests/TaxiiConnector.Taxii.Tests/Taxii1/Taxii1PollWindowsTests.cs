using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Taxii.Taxii1.Polling;

namespace TaxiiConnector.Taxii.Tests.Taxii1;

public sealed class Taxii1PollWindowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Plan_FirstRun_StartsAtInitialHistoryAndStopsAtNowMinusLag()
    {
        var time = new FakeTimeProvider(Now);
        var planner = new Taxii1PollWindows(TimeSpan.FromHours(24), TimeSpan.FromMinutes(5), TimeSpan.FromHours(60), time);

        var windows = planner.Plan(checkpoint: null);

        var limit = Now.AddMinutes(-5);
        windows.Should().HaveCount(3);
        windows[0].ExclusiveBegin.Should().Be(limit.AddHours(-60));
        windows[0].Length.Should().Be(TimeSpan.FromHours(24));
        windows[1].Length.Should().Be(TimeSpan.FromHours(24));
        windows[2].Length.Should().Be(TimeSpan.FromHours(12));
        windows[^1].InclusiveEnd.Should().Be(limit);
        AssertContiguous(windows);
    }

    [Fact]
    public void Plan_WithCheckpoint_BeginsExactlyAtCheckpoint()
    {
        var time = new FakeTimeProvider(Now);
        var planner = new Taxii1PollWindows(TimeSpan.FromHours(24), TimeSpan.Zero, TimeSpan.FromHours(1), time);
        var checkpoint = Now.AddHours(-30);

        var windows = planner.Plan(checkpoint);

        windows.Select(w => (w.ExclusiveBegin, w.InclusiveEnd)).Should().Equal(
            (checkpoint, checkpoint.AddHours(24)),
            (checkpoint.AddHours(24), Now));
    }

    [Fact]
    public void Plan_CheckpointAtOrPastLimit_PlansNothing()
    {
        var time = new FakeTimeProvider(Now);
        var planner = new Taxii1PollWindows(TimeSpan.FromHours(24), TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), time);

        planner.Plan(Now.AddMinutes(-5)).Should().BeEmpty();
        planner.Plan(Now.AddHours(3)).Should().BeEmpty("a checkpoint ahead of the clock waits for the clock");
    }

    [Fact]
    public void Plan_SuccessiveRunsCommittingEachEnd_CoverTimeWithoutGapOrOverlap()
    {
        var time = new FakeTimeProvider(Now);
        time.Advance(TimeSpan.FromTicks(12_345)); // sub-millisecond clock noise must not create a gap
        var planner = new Taxii1PollWindows(TimeSpan.FromHours(24), TimeSpan.FromMinutes(5), TimeSpan.FromHours(50), time);
        var all = new List<Taxii1PollWindow>();
        DateTimeOffset? checkpoint = null;

        foreach (var step in new[] { 0.0, 0.5, 7, 30, 0.01, 49 })
        {
            time.Advance(TimeSpan.FromHours(step));
            foreach (var window in planner.Plan(checkpoint))
            {
                all.Add(window);
                // What the source stores after the window's last page was pushed, and reads back on the next run.
                var stored = Taxii1Timestamp.ToWire(window.InclusiveEnd);
                Taxii1Timestamp.TryParse(stored, out var parsed).Should().BeTrue();
                checkpoint = parsed;
            }
        }

        AssertContiguous(all);
        all.Should().OnlyContain(w => w.Length > TimeSpan.Zero && w.Length <= TimeSpan.FromHours(24));
        all[0].ExclusiveBegin.Should().Be(Taxii1Timestamp.TruncateToMilliseconds(Now.AddTicks(12_345).AddMinutes(-5).AddHours(-50)));
        all[^1].InclusiveEnd.Should().Be(Taxii1Timestamp.TruncateToMilliseconds(time.GetUtcNow().AddMinutes(-5)));
    }

    [Fact]
    public void Plan_CrashBeforeCommit_ReplansTheSameWindow()
    {
        var time = new FakeTimeProvider(Now);
        var planner = new Taxii1PollWindows(TimeSpan.FromHours(24), TimeSpan.Zero, TimeSpan.FromHours(10), time);
        var first = planner.Plan(null).Single();

        time.Advance(TimeSpan.FromMinutes(1));
        var again = planner.Plan(first.ExclusiveBegin);

        again[0].ExclusiveBegin.Should().Be(first.ExclusiveBegin);
        again[0].InclusiveEnd.Should().Be(first.InclusiveEnd.AddMinutes(1));
    }

    [Theory]
    [InlineData(1, 0.25)]
    [InlineData(24, 24)]
    [InlineData(24, 24.001)]
    [InlineData(6, 1000)]
    [InlineData(0.001, 0.0305)]
    public void Split_AnyRange_IsContiguousBoundedAndExact(double maxHours, double rangeHours)
    {
        var begin = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var limit = begin + TimeSpan.FromHours(rangeHours);
        var max = TimeSpan.FromHours(maxHours);

        var windows = Taxii1PollWindows.Split(begin, limit, max);

        windows[0].ExclusiveBegin.Should().Be(begin);
        windows[^1].InclusiveEnd.Should().Be(limit);
        windows.Should().OnlyContain(w => w.Length > TimeSpan.Zero && w.Length <= max);
        windows.Should().HaveCount((int)Math.Ceiling((limit - begin) / max));
        AssertContiguous(windows);
    }

    [Fact]
    public void Window_ToString_ShowsHalfOpenInterval()
    {
        var window = new Taxii1PollWindow(Now, Now.AddHours(1));

        window.ToString().Should().Be("(2026-11-24T12:00:00.000Z, 2026-11-24T13:00:00.000Z]");
    }

    [Fact]
    public void Timestamp_ToWire_IsUtcWithExplicitZone()
    {
        var local = new DateTimeOffset(2026, 11, 24, 14, 30, 0, 250, TimeSpan.FromHours(2));

        Taxii1Timestamp.ToWire(local).Should().Be("2026-11-24T12:30:00.250Z");
    }

    private static void AssertContiguous(IReadOnlyList<Taxii1PollWindow> windows)
    {
        windows.Should().NotBeEmpty();
        for (var i = 0; i < windows.Count; i++)
        {
            windows[i].InclusiveEnd.Should().BeAfter(windows[i].ExclusiveBegin);
            if (i > 0)
            {
                windows[i].ExclusiveBegin.Should().Be(windows[i - 1].InclusiveEnd, "window {0} must begin where window {1} ended: no gap, no overlap", i, i - 1);
            }
        }
    }
}
