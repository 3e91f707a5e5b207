using TaxiiConnector.Configuration.Sections;

namespace TaxiiConnector.Configuration.DataPaths;

/// <summary>Where a writable path defaults to when its own setting is unset: a named directory under <c>connector.data_dir</c>.</summary>
public static class DataDirectory
{
    public const string PushSpool = "push-spool";
    public const string DryRunOutput = "output";

    public static string Root(ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetString(ConnectorOptions.Key(nameof(ConnectorOptions.DataDirectory))) ?? ConnectorOptions.DefaultDataDirectory;
    }

    public static string Under(ConfigSectionReader reader, string name) => Path.Combine(Root(reader), name);
}
