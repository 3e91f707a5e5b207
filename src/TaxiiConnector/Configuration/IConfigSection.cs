using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.Declarations;

namespace TaxiiConnector.Configuration;

/// <summary>
/// A typed options class for one configuration section.
/// <para>
/// How a new section plugs in (for example <c>taxii11</c>, in <c>Sources/Taxii11/Taxii11Options.cs</c>):
/// <list type="number">
/// <item>Write <c>public sealed class Taxii11Options() : ConfigSourceSection&lt;Taxii11Options&gt;("taxii11")</c>
/// (or <see cref="ConfigSection{TSelf}"/> for a section that is not a source) and declare each setting once: a property
/// with <see cref="SettingAttribute"/> (YAML key, documentation), its initializer as the default, and
/// <see cref="SecretAttribute"/>, <see cref="AliasAttribute"/>, <see cref="BoundsAttribute"/>... as needed;
/// <see cref="ConfiguresAttribute{TOptions}"/> when a library options type takes the value as it is. Reading is
/// <see cref="SettingBinder"/>'s; put cross-field rules in the section's <c>Check</c> and derived values in computed
/// properties.</item>
/// <item>Add one line to <see cref="ConfigSections.All"/>: <c>ConfigSectionDescriptor.ForSource&lt;Taxii11Options&gt;()</c>.</item>
/// </list>
/// That registers <c>IOptions&lt;Taxii11Options&gt;</c> with <c>ValidateOnStart</c>, maps <c>TAXII11_*</c> environment
/// variables, makes the keys known to <c>check-config</c>, the docs tests and the compose/sample checks, and (for a
/// source) counts the section in the "no source configured" check.
/// </para>
/// </summary>
public interface IConfigSection<TSelf>
    where TSelf : class, IConfigSection<TSelf>, new()
{
    /// <summary>The YAML section and environment prefix (<c>taxii2</c> → <c>TAXII2_</c>).</summary>
    static abstract string SectionName { get; }

    /// <summary>Fills this instance from configuration; unreadable values go to the reader's problems.</summary>
    void Read(ConfigSectionReader reader) => SettingBinder.Bind(this, SectionSettings.Of<TSelf>(), reader);

    /// <summary>Cross-field rules, run after <see cref="Read"/>; each problem through <see cref="ConfigValidationContext.AddProblem"/>.</summary>
    void Validate(ConfigValidationContext context);
}

/// <summary>A section that is a source of objects (<c>taxii2</c>, <c>taxii11</c>, <c>cyberthreatexchange</c>, <c>taxii_push</c>).</summary>
public interface IConfigSourceSection<TSelf> : IConfigSection<TSelf>
    where TSelf : class, IConfigSourceSection<TSelf>, new()
{
    /// <summary>After <see cref="IConfigSection{TSelf}.Read"/>: whether this process runs the source.</summary>
    bool IsEnabled { get; set; }

    /// <summary>
    /// Reads the switches (<see cref="SettingAttribute.SwitchesSourceOn"/>) first; the source is on when one of them is
    /// (<see cref="SettingDeclaration.SwitchesOn"/>). The other settings of a source that is off are read leniently: an
    /// unreadable value keeps its default and is no problem, so a stray or half-edited value cannot fail a process that
    /// does not run the source (<see cref="ConfigSections.FindIgnoredSourceSettings"/> still says it is ignored).
    /// </summary>
    void IConfigSection<TSelf>.Read(ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var declarations = SectionSettings.Of<TSelf>().Declarations;
        var switches = declarations.Where(declaration => declaration.SwitchesSourceOn).ToList();
        SettingBinder.Bind(this, switches, reader);
        IsEnabled = switches.Any(declaration => declaration.SwitchesOn(this, reader));
        SettingBinder.Bind(this, declarations.Where(declaration => !declaration.SwitchesSourceOn), IsEnabled ? reader : new ConfigSectionReader(reader.Configuration));
    }
}

/// <summary>What a section's <see cref="IConfigSection{TSelf}.Validate"/> may look at and where it reports.</summary>
public sealed class ConfigValidationContext(ConfigSectionReader reader, ConnectorInvocation invocation)
{
    /// <summary>Reads any key, also of another section (for example <c>connector.duration_period</c>).</summary>
    public ConfigSectionReader Reader { get; } = reader ?? throw new ArgumentNullException(nameof(reader));

    public ConnectorInvocation Invocation { get; } = invocation ?? throw new ArgumentNullException(nameof(invocation));

    public void AddProblem(ConfigKey? key, string message) => Reader.AddProblem(key, message);
}
