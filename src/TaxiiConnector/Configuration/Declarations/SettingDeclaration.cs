using System.Reflection;

namespace TaxiiConnector.Configuration.Declarations;

/// <summary>
/// One declared setting: the <see cref="ConfigKey"/> derived from its <see cref="SettingAttribute"/> (default formatted
/// from the property's initializer) and the property it fills, possibly inside a <see cref="SettingGroupAttribute"/> group.
/// </summary>
public sealed class SettingDeclaration
{
    internal SettingDeclaration(ConfigKey key, PropertyInfo? group, PropertyInfo property)
    {
        Key = key;
        Group = group;
        Property = property;
        Bounds = property.GetCustomAttribute<BoundsAttribute>();
        Choice = property.GetCustomAttribute<ChoiceAttribute>();
        AllowZero = property.IsDefined(typeof(AllowZeroAttribute));
        CountOf = property.GetCustomAttribute<CountOfAttribute>()?.Unit;
        ExistingFile = property.IsDefined(typeof(ExistingFileAttribute));
        var parser = property.GetCustomAttribute<ParsedWithAttribute>()?.Parser;
        Parser = parser is null ? null : (ISettingParser)Activator.CreateInstance(parser)!;
        Verbatim = property.GetCustomAttribute<SettingAttribute>()!.Verbatim;
        SwitchesSourceOn = property.GetCustomAttribute<SettingAttribute>()!.SwitchesSourceOn;
    }

    public ConfigKey Key { get; }

    /// <summary>The group property holding <see cref="Property"/>, or null when the section's class declares it.</summary>
    public PropertyInfo? Group { get; }

    public PropertyInfo Property { get; }

    internal BoundsAttribute? Bounds { get; }

    internal ChoiceAttribute? Choice { get; }

    internal bool AllowZero { get; }

    /// <summary>For a duration written as a count of this unit.</summary>
    internal TimeSpan? CountOf { get; }

    internal bool ExistingFile { get; }

    internal bool Verbatim { get; }

    internal ISettingParser? Parser { get; }

    /// <summary>Setting this key switches the section's source on (see <see cref="SwitchesOn"/>).</summary>
    public bool SwitchesSourceOn { get; }

    /// <summary>
    /// Whether this switch, as read into <paramref name="options"/>, turns its source on: a boolean when true, a list
    /// when it has an item, anything else when it is set at all.
    /// </summary>
    public bool SwitchesOn(object options, ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return GetValue(options) switch
        {
            bool on => on,
            string => reader.IsSet(Key),
            System.Collections.IEnumerable items => items.Cast<object?>().Any(),
            _ => reader.IsSet(Key),
        };
    }

    /// <summary>The declared property's current value on a section's options instance.</summary>
    public object? GetValue(object options) => Property.GetValue(Target(options));

    internal void SetValue(object options, object? value) => Property.SetValue(Target(options), value);

    private object Target(object options) =>
        Group is null ? options : Group.GetValue(options) ?? throw new InvalidOperationException($"{Group.Name} is null.");
}
