namespace TaxiiConnector.Pipeline;

/// <summary>A run finished but something in it failed (each failure was already logged where it happened).</summary>
public sealed class ConnectorRunFailedException : Exception
{
    public ConnectorRunFailedException()
    {
    }

    public ConnectorRunFailedException(string message)
        : base(message)
    {
    }

    public ConnectorRunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal ConnectorRunFailedException(RunReport report)
        : base(Describe(report))
    {
        Report = report;
    }

    public RunReport? Report { get; }

    private static string Describe(RunReport report)
    {
        var failures = report.Sources.Where(s => s.Error is not null).Select(s => $"source {s.Source}: {s.Error}")
            .Concat(report.Collections.Where(c => !c.Succeeded).Select(c => $"{c.Source} {c.Collection}: {c.Error}"));
        return "The run finished with failures: " + string.Join("; ", failures);
    }
}
