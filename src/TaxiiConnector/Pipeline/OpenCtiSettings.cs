using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.DataPaths;
using TaxiiConnector.Configuration.Sections;

namespace TaxiiConnector.Pipeline;

/// <summary>Where a run without a platform writes.</summary>
internal static class OpenCtiSettings
{
    public const string DemoOutputDirectory = "./demo-output";

    /// <summary>
    /// The directory a run without a platform writes to (null: OpenCTI is the sink): <c>--output</c>, else the demo's
    /// own directory, else <c>output</c> under <c>connector.data_dir</c> for a dry run.
    /// </summary>
    public static string? OutputDirectory(ConnectorInvocation invocation, ConnectorOptions connector) =>
        string.Equals(invocation.Command, "demo", StringComparison.OrdinalIgnoreCase)
            ? invocation.OutputDirectory ?? DemoOutputDirectory
            : invocation.DryRun ? invocation.OutputDirectory ?? Path.Combine(connector.DataDirectory, DataDirectory.DryRunOutput) : null;
}
