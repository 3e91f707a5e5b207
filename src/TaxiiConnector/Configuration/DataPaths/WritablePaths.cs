using Microsoft.Extensions.Configuration;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Sources.TaxiiPush;

namespace TaxiiConnector.Configuration.DataPaths;

/// <summary>
/// Every directory a <c>run</c> with this configuration writes to, each with the setting that moves it: the push
/// spool, the state file's directory, the dry run's output. Checked by <c>check-config</c> and before a run starts.
/// </summary>
public static class WritablePaths
{
    public static IReadOnlyList<WritablePath> For(IConfiguration configuration, ConnectorInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(invocation);
        var reader = new ConfigSectionReader(configuration);
        var paths = new List<WritablePath>();

        if (invocation.DryRun)
        {
            paths.Add(invocation.OutputDirectory is { } output
                ? new WritablePath("dry-run output directory", output, Key: null, Option: "--output", Defaulted: false)
                : new WritablePath("dry-run output directory", DataDirectory.Under(reader, DataDirectory.DryRunOutput), ConnectorOptions.Key(nameof(ConnectorOptions.DataDirectory)), Option: null, Defaulted: false));
        }

        if (reader.GetString(StateOptions.Key(nameof(StateOptions.Path))) is { } statePath && Path.GetDirectoryName(Path.GetFullPath(statePath)) is { } stateDirectory)
        {
            paths.Add(new WritablePath("state file's directory", stateDirectory, StateOptions.Key(nameof(StateOptions.Path)), Option: null, Defaulted: false));
        }

        var spoolKey = TaxiiPushOptions.Key(nameof(TaxiiPushOptions.SpoolPath));
        if (reader.GetBool(TaxiiPushOptions.Key(nameof(TaxiiPushOptions.IsEnabled))))
        {
            var spool = reader.GetString(spoolKey);
            paths.Add(new WritablePath("push spool", spool ?? DataDirectory.Under(reader, DataDirectory.PushSpool), spoolKey, Option: null, Defaulted: spool is null));
        }

        return paths;
    }
}
