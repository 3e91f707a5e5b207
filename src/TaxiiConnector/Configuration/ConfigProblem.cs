namespace TaxiiConnector.Configuration;

/// <summary>One configuration problem, rendered as one line naming the environment variable and the YAML key.</summary>
public sealed record ConfigProblem(ConfigKey? Key, string Message)
{
    public override string ToString() => Key is null ? Message : $"{Key.DisplayName}: {Message}";
}
