namespace TaxiiConnector.Configuration.Yaml;

/// <summary>The configuration file is missing or is not valid YAML. The message names the file and the position.</summary>
public sealed class ConfigFileException : Exception
{
    public ConfigFileException()
    {
    }

    public ConfigFileException(string message)
        : base(message)
    {
    }

    public ConfigFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
