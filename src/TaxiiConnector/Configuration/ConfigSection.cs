using System.Reflection;
using TaxiiConnector.Configuration.Declarations;

namespace TaxiiConnector.Configuration;

/// <summary>Names the configuration section an options class declares: the YAML section and the environment prefix.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ConfigSectionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// The base of a section's options class: it gives the section its name (from <see cref="ConfigSectionAttribute"/>),
/// its keys by property name and the validation entry point, so the class itself holds only its settings and rules.
/// </summary>
public abstract class ConfigSection<TSelf> : IConfigSection<TSelf>
    where TSelf : ConfigSection<TSelf>, new()
{
    /// <summary>The YAML section and environment prefix (<c>taxii2</c> → <c>TAXII2_</c>).</summary>
    public static string SectionName { get; } = typeof(TSelf).GetCustomAttribute<ConfigSectionAttribute>()?.Name
        ?? throw new InvalidOperationException($"{typeof(TSelf).Name} needs [ConfigSection(\"name\")].");

    /// <summary>The settings <typeparamref name="TSelf"/> declares.</summary>
    public static SectionSettings Settings => SectionSettings.Of<TSelf>();

    /// <summary>Whether the rules apply as read (a source that is off has nothing to check).</summary>
    protected virtual bool IsChecked => true;

    /// <summary>The key the property named <paramref name="property"/> declares (<c>nameof(...)</c>).</summary>
    public static ConfigKey Key(string property) => Settings.Key(property);

    public void Validate(ConfigValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsChecked)
        {
            Check(context);
        }
    }

    /// <summary>The section's cross-field rules; each problem through <see cref="ConfigValidationContext.AddProblem"/>.</summary>
    protected abstract void Check(ConfigValidationContext context);
}

/// <summary>The base of a source's options class: on or off as its switches say, its rules checked only when on.</summary>
public abstract class ConfigSourceSection<TSelf> : ConfigSection<TSelf>, IConfigSourceSection<TSelf>
    where TSelf : ConfigSourceSection<TSelf>, new()
{
    public virtual bool IsEnabled { get; set; }

    protected override bool IsChecked => IsEnabled;
}
