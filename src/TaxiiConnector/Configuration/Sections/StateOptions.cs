namespace TaxiiConnector.Configuration.Sections;

/// <summary>Where cursors are kept (<c>state.*</c>, <c>STATE_*</c>).</summary>
public sealed class StateOptions : IConfigSection<StateOptions>
{
    public const string Section = "state";

    public static readonly ConfigKey PathKey = new(Section, "path", "", "A JSON file for per-collection cursors. Unset: OpenCTI's connector state, or <output>/state.json for a dry run.");

    public static string SectionName => Section;

    public static IReadOnlyList<ConfigKey> Keys { get; } = [PathKey];

    /// <summary>Null: the platform keeps the state (or the dry run's output directory).</summary>
    public string? Path { get; set; }

    public void Read(ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Path = reader.GetString(PathKey);
    }

    public void Validate(ConfigValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Path is not null && Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            context.AddProblem(PathKey, "is not a valid file path");
        }
    }
}
