using Cronos;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Sources.Taxii2;

namespace TaxiiConnector.Scheduling;

/// <summary>
/// When runs happen: once (<c>run --once</c>, <c>connector.run_and_terminate</c>, a period of <c>0</c>), on a cron
/// expression (UTC), or a fixed period counted from the end of the previous run (as pycti does), the period being
/// <c>connector.duration_period</c>, else the legacy <c>taxii2.interval</c> hours.
/// </summary>
public sealed class ConnectorSchedule
{
    private ConnectorSchedule(bool runOnce, TimeSpan? period, CronExpression? cron)
    {
        RunOnce = runOnce;
        Period = period;
        Cron = cron;
    }

    public bool RunOnce { get; }

    /// <summary>The time between the end of a run and the start of the next; null for a cron schedule or run-once.</summary>
    public TimeSpan? Period { get; }

    public CronExpression? Cron { get; }

    public static ConnectorSchedule Once() => new(true, null, null);

    public static ConnectorSchedule Every(TimeSpan period) =>
        period > TimeSpan.Zero ? new(false, period, null) : throw new ArgumentOutOfRangeException(nameof(period));

    public static ConnectorSchedule OnCron(CronExpression cron) => new(false, null, cron ?? throw new ArgumentNullException(nameof(cron)));

    public static ConnectorSchedule Create(ConnectorOptions connector, Taxii2Options taxii2, ConnectorInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(taxii2);
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.Once || connector.RunAndTerminate || connector.DurationPeriod == TimeSpan.Zero)
        {
            return Once();
        }

        if (connector.ScheduleCron is not null)
        {
            return OnCron(connector.ScheduleCron);
        }

        return Every(connector.DurationPeriod ?? taxii2.Interval);
    }

    /// <summary>The first run: now for a period (the first run starts immediately), the next occurrence for cron.</summary>
    public DateTimeOffset? FirstRun(DateTimeOffset now) => Cron is null ? now : Next(now);

    /// <summary>The run after one that ended at <paramref name="ended"/>; null when there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset ended)
    {
        if (RunOnce)
        {
            return null;
        }

        return Period is { } period ? ended + period : Next(ended);
    }

    private DateTimeOffset? Next(DateTimeOffset from) => Cron?.GetNextOccurrence(from, TimeZoneInfo.Utc);

    public override string ToString() =>
        RunOnce ? "once" : Period is { } period ? $"every {Configuration.IsoDuration.Format(period)} after each run" : $"cron '{Cron}' (UTC)";
}
