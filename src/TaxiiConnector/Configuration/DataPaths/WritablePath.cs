namespace TaxiiConnector.Configuration.DataPaths;

/// <summary>
/// A directory the connector will write to, and how to move it: <paramref name="Key"/> is the setting that names it
/// (null for a command-line option), <paramref name="Defaulted"/> says the path came from <c>connector.data_dir</c>.
/// </summary>
public sealed record WritablePath(string What, string Directory, ConfigKey? Key, string? Option, bool Defaulted)
{
    /// <summary>What to change, for a problem line: the setting itself, and <c>CONNECTOR_DATA_DIR</c> when the path was defaulted under it.</summary>
    public string HowToChange
    {
        get
        {
            var own = Key?.DisplayName ?? Option ?? string.Empty;
            var dataDirectory = Sections.ConnectorOptions.Key(nameof(Sections.ConnectorOptions.DataDirectory)).DisplayName;
            return Defaulted ? $"set {own} or {dataDirectory} to a writable directory" : $"set {own} to a writable directory";
        }
    }

    /// <summary>One line naming the path's setting, the directory and why it cannot be written; null when it can.</summary>
    public string? Problem()
    {
        var why = WritableDirectoryProbe.WhyNotWritable(Directory);
        return why is null ? null : $"{(Key?.DisplayName ?? Option)}: the {What} '{Path.GetFullPath(Directory)}' cannot be written: {why}; {HowToChange}";
    }
}
