namespace TaxiiConnector.Sources;

/// <summary>
/// A source's configuration selects something the server does not offer to these credentials (an unknown or unreadable
/// collection, a feed the team is not subscribed to): nothing is read for it, and only a person can fix it. The message
/// is the one line an operator needs: the setting (environment variable and YAML key), the entry, the choices.
/// </summary>
public sealed class SourceConfigurationException : Exception
{
    public SourceConfigurationException()
    {
    }

    public SourceConfigurationException(string message)
        : base(message)
    {
    }

    public SourceConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>One exception for every problem of a source's selection (one line, problems separated by "; ").</summary>
    public static SourceConfigurationException Of(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return new SourceConfigurationException(string.Join("; ", problems));
    }
}
