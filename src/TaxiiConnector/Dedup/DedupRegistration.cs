using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Sources.CyberThreatExchange;
using TaxiiConnector.Sources.Taxii11;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Sources.TaxiiPush;

namespace TaxiiConnector.Dedup;

/// <summary>De-duplication's settings from the configuration: the data directory, and each source section's <c>dedup</c>.</summary>
internal static class DedupRegistration
{
    private static readonly SectionSettings[] SourceKeys =
    [
        SectionSettings.Of<Taxii2Options>(), SectionSettings.Of<Taxii11Options>(), CyberThreatExchangeOptions.TransformKeys, TaxiiPushOptions.TransformKeys,
    ];

    public static DedupSettings Settings(ConfigSectionReader reader, ConnectorOptions connector, ConnectorInvocation invocation)
    {
        var directory = DataDirectory(connector, invocation);
        return new DedupSettings
        {
            DatabasePath = Path.Combine(directory, DedupSettings.DatabaseFileName),
            RunsDirectory = RunsDirectory(connector, invocation),
            DisabledSources = SourceKeys.Where(keys => !reader.GetBool(keys.Key(nameof(TransformerSettings.Dedup)))).Select(keys => keys.Section).ToHashSet(StringComparer.Ordinal),
            FullResync = invocation.FullResync,
            Retention = connector.DedupRetention,
            MaxVersionsPerCollection = connector.DedupMaxVersions,
        };
    }

    public static string RunsDirectory(ConnectorOptions connector, ConnectorInvocation invocation) =>
        Path.Combine(DataDirectory(connector, invocation), "runs");

    /// <summary>A run without a platform (dry run, demo) keeps everything beside its bundles and state file.</summary>
    private static string DataDirectory(ConnectorOptions connector, ConnectorInvocation invocation) =>
        OpenCtiSettings.OutputDirectory(invocation, connector) ?? connector.DataDirectory;
}
