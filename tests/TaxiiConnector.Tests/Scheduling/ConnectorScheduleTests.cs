using Cronos;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Scheduling;
using TaxiiConnector.Sources.CyberThreatExchange;
using TaxiiConnector.Sources.Taxii2;

namespace TaxiiConnector.Tests.Scheduling;

public sealed class ConnectorScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_RunOnceFlag_RunsOnce()
    {
        ConnectorSchedule.Create(new ConnectorOptions(), new Taxii2Options(), new CyberThreatExchangeOptions(), new ConnectorInvocation { Once = true }).RunOnce.Should().BeTrue();
    }

    [Fact]
    public void Create_RunAndTerminate_RunsOnce()
    {
        ConnectorSchedule.Create(new ConnectorOptions { RunAndTerminate = true }, new Taxii2Options(), new CyberThreatExchangeOptions(), new ConnectorInvocation()).RunOnce.Should().BeTrue();
    }

    [Fact]
    public void Create_ZeroPeriod_RunsOnce()
    {
        var schedule = ConnectorSchedule.Create(new ConnectorOptions { DurationPeriod = TimeSpan.Zero }, new Taxii2Options(), new CyberThreatExchangeOptions(), new ConnectorInvocation());

        schedule.RunOnce.Should().BeTrue();
        schedule.NextAfter(Noon).Should().BeNull();
    }

    [Fact]
    public void Create_NoPeriod_UsesLegacyIntervalHours()
    {
        var schedule = ConnectorSchedule.Create(new ConnectorOptions(), new Taxii2Options { IntervalHours = 6 }, new CyberThreatExchangeOptions(), new ConnectorInvocation());

        schedule.Period.Should().Be(TimeSpan.FromHours(6));
    }

    [Fact]
    public void Create_PeriodAndInterval_PeriodWins()
    {
        var schedule = ConnectorSchedule.Create(
            new ConnectorOptions { DurationPeriod = TimeSpan.FromMinutes(90) },
            new Taxii2Options { IntervalHours = 6 },
            new CyberThreatExchangeOptions(),
            new ConnectorInvocation());

        schedule.Period.Should().Be(TimeSpan.FromMinutes(90));
        schedule.FirstRun(Noon).Should().Be(Noon);
        schedule.NextAfter(Noon).Should().Be(Noon.AddMinutes(90));
    }

    [Fact]
    public void Create_Cron_NextOccurrenceInUtc()
    {
        var schedule = ConnectorSchedule.Create(
            new ConnectorOptions { DurationPeriod = TimeSpan.FromMinutes(90), ScheduleCron = CronExpression.Parse("30 2 * * *") },
            new Taxii2Options(),
            new CyberThreatExchangeOptions(),
            new ConnectorInvocation());

        schedule.Cron.Should().NotBeNull();
        schedule.FirstRun(Noon).Should().Be(new DateTimeOffset(2026, 1, 2, 2, 30, 0, TimeSpan.Zero));
        schedule.NextAfter(new DateTimeOffset(2026, 1, 2, 2, 45, 0, TimeSpan.Zero)).Should().Be(new DateTimeOffset(2026, 1, 3, 2, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Create_CyberThreatExchangeOnlyWithoutPeriod_UsesItsIntervalHours()
    {
        var schedule = ConnectorSchedule.Create(new ConnectorOptions(), new Taxii2Options(), SourceOptions.CyberThreatExchange(intervalHours: 3), new ConnectorInvocation());

        schedule.Period.Should().Be(TimeSpan.FromHours(3));
        schedule.NextAfter(Noon).Should().Be(Noon.AddHours(3));
    }

    [Fact]
    public void Create_CyberThreatExchangeOnlyWithoutIntervalHours_DefaultsToOneHour()
    {
        var schedule = ConnectorSchedule.Create(
            new ConnectorOptions(), SourceOptions.Taxii2(interval: null, enabled: false), SourceOptions.CyberThreatExchange(intervalHours: null), new ConnectorInvocation());

        schedule.Period.Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public void Create_CyberThreatExchangeWithDurationPeriod_PeriodWins()
    {
        var schedule = ConnectorSchedule.Create(
            new ConnectorOptions { DurationPeriod = TimeSpan.FromMinutes(30) }, new Taxii2Options(), SourceOptions.CyberThreatExchange(intervalHours: 6), new ConnectorInvocation());

        schedule.Period.Should().Be(TimeSpan.FromMinutes(30));
    }

    [Theory]
    [InlineData(6, 2, 2)]
    [InlineData(1, 12, 1)]
    [InlineData(null, 12, 1)]
    public void Create_Taxii2AndCyberThreatExchangeWithoutPeriod_TheSmallerIntervalApplies(int? taxii2Hours, int ctxHours, int expectedHours)
    {
        var schedule = ConnectorSchedule.Create(
            new ConnectorOptions(), SourceOptions.Taxii2(taxii2Hours), SourceOptions.CyberThreatExchange(ctxHours), new ConnectorInvocation());

        schedule.Period.Should().Be(TimeSpan.FromHours(expectedHours));
    }

    [Fact]
    public void Create_CyberThreatExchangeOffWithAStrayIntervalHours_Taxii2IntervalApplies()
    {
        var schedule = ConnectorSchedule.Create(
            new ConnectorOptions(), SourceOptions.Taxii2(interval: 4), SourceOptions.CyberThreatExchange(intervalHours: 1, enabled: false), new ConnectorInvocation());

        schedule.Period.Should().Be(TimeSpan.FromHours(4));
    }
}
