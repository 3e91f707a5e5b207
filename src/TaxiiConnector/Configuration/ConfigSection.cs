using TaxiiConnector.Configuration.Declarations;

namespace TaxiiConnector.Configuration;

/// <summary>
/// The base of a section's options class (<c>public sealed class MqOptions() : ConfigSection&lt;MqOptions&gt;("mq")</c>):
/// it gives the section its name, its keys by property name and the validation entry point, so the class itself holds
/// only its settings and its rules.
/// </summary>
public abstract class ConfigSection<TSelf> : IConfigSection<TSelf>
    where TSelf : ConfigSection<TSelf>, new()
{
    private readonly string _name;

    /// <param name="name">The YAML section and environment prefix (<c>taxii2</c> → <c>TAXII2_</c>).</param>
    protected ConfigSection(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    /// <summary>The YAML section and environment prefix, as the class passes it to this constructor.</summary>
    public static string SectionName => Named.Name;

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

    // Read once from a default instance: the name is the class's constructor argument, written where the class is declared.
    private static class Named
    {
        public static readonly string Name = new TSelf()._name;
    }
}

/// <summary>The base of a source's options class: on or off as its switches say, its rules checked only when on.</summary>
public abstract class ConfigSourceSection<TSelf>(string name) : ConfigSection<TSelf>(name), IConfigSourceSection<TSelf>
    where TSelf : ConfigSourceSection<TSelf>, new()
{
    public virtual bool IsEnabled { get; set; }

    protected override bool IsChecked => IsEnabled;
}
