using TaxiiConnector.Configuration.Declarations;

namespace TaxiiConnector.Configuration.Sections;

/// <summary>Where cursors are kept (<c>state.*</c>, <c>STATE_*</c>).</summary>
public sealed class StateOptions() : ConfigSection<StateOptions>("state")
{
    /// <summary>Null: the platform keeps the state (or the dry run's output directory).</summary>
    [Setting("path", "A JSON file for per-collection cursors. Unset: OpenCTI's connector state, or <output>/state.json for a dry run.")] public string? Path { get; set; }

    protected override void Check(ConfigValidationContext context)
    {
        if (Path is not null && Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            context.AddProblem(Key(nameof(Path)), "is not a valid file path");
        }
    }
}
