using System.Collections;
using System.Globalization;
using System.Reflection;

namespace TaxiiConnector.Configuration.Declarations;

/// <summary>
/// The settings one options class declares, found by reflection once: the <see cref="ConfigKey"/>s the docs, the
/// sample, <c>check-config</c> and the unknown-key warnings use, and the properties <see cref="SettingBinder"/> fills.
/// </summary>
public sealed class SectionSettings
{
    private SectionSettings(string section, Type optionsType, bool pythonKeys = true)
    {
        Section = section;
        OptionsType = optionsType;
        var defaults = Activator.CreateInstance(optionsType)
            ?? throw new InvalidOperationException($"{optionsType.Name} needs a parameterless constructor.");
        var declarations = new List<SettingDeclaration>();
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<SettingGroupAttribute>() is { } group)
            {
                var groupDefaults = property.GetValue(defaults)
                    ?? throw new InvalidOperationException($"{optionsType.Name}.{property.Name} must be initialized.");
                declarations.AddRange(property.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(inner => inner.IsDefined(typeof(SettingAttribute)))
                    .Select(inner => Declare(section, property, inner, inner.GetValue(groupDefaults), group.PythonKeys)));
            }
            else if (property.IsDefined(typeof(SettingAttribute)))
            {
                declarations.Add(Declare(section, null, property, property.GetValue(defaults), pythonKeys));
            }
        }

        Declarations = declarations;
        Keys = [.. declarations.Select(declaration => declaration.Key)];
        EnabledBy = declarations.FirstOrDefault(declaration => declaration.SwitchesSourceOn)?.Key;
    }

    public string Section { get; }

    public Type OptionsType { get; }

    /// <summary>In declaration order (a group's settings where the group property stands).</summary>
    public IReadOnlyList<SettingDeclaration> Declarations { get; }

    public IReadOnlyList<ConfigKey> Keys { get; }

    /// <summary>The setting that switches a source on (the first, when several do), or null.</summary>
    public ConfigKey? EnabledBy { get; }

    /// <summary>The settings of <typeparamref name="TOptions"/> (cached).</summary>
    public static SectionSettings Of<TOptions>()
        where TOptions : class, IConfigSection<TOptions>, new() => Cache<TOptions>.Instance;

    /// <summary>
    /// The settings a group type declares, read into a group instance of their own under <paramref name="section"/>
    /// (for a section that does not declare the group as a property).
    /// </summary>
    public static SectionSettings ForGroup<TGroup>(string section, bool pythonKeys)
        where TGroup : class, new() => new(section, typeof(TGroup), pythonKeys);

    /// <summary>The key declared by the property named <paramref name="propertyName"/> (<c>nameof(...)</c>).</summary>
    public ConfigKey Key(string propertyName) =>
        Declarations.SingleOrDefault(declaration => declaration.Property.Name == propertyName)?.Key
        ?? throw new ArgumentException($"{OptionsType.Name} declares no setting {propertyName}.", nameof(propertyName));

    /// <summary>The documented (user-written) form of a value: ISO-8601 durations, lower-case booleans, comma lists.</summary>
    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        bool flag => flag ? "true" : "false",
        TimeSpan duration => IsoDuration.Format(duration),
        Uri uri => uri.OriginalString,
        string text => text,
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(',', items.Cast<object?>().Select(Format)),
        _ => value.ToString() ?? string.Empty,
    };

    private static SettingDeclaration Declare(string section, PropertyInfo? group, PropertyInfo property, object? defaultValue, bool pythonAllowed)
    {
        var setting = property.GetCustomAttribute<SettingAttribute>()!;
        var parser = property.GetCustomAttribute<ParsedWithAttribute>()?.Parser;
        var countOf = property.GetCustomAttribute<CountOfAttribute>()?.Unit;
        var formatted = parser is not null ? ((ISettingParser)Activator.CreateInstance(parser)!).Format(defaultValue)
            : countOf is { } unit && defaultValue is TimeSpan duration ? Format(duration.Ticks / unit.Ticks)
            : Format(defaultValue);
        var key = new ConfigKey(section, setting.Key, formatted, setting.Description)
        {
            IsPythonKey = setting.Python && pythonAllowed,
            IsSecret = property.IsDefined(typeof(SecretAttribute)),
            IsStructured = setting.Structured,
            YamlAliases = property.GetCustomAttribute<AliasAttribute>()?.Names ?? [],
        };
        return new SettingDeclaration(key, group, property);
    }

    private static class Cache<TOptions>
        where TOptions : class, IConfigSection<TOptions>, new()
    {
        public static readonly SectionSettings Instance = new(TOptions.SectionName, typeof(TOptions));
    }
}
