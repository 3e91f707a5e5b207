using System.Collections.Concurrent;
using System.Reflection;

namespace TaxiiConnector.Configuration.Declarations;

/// <summary>
/// The settings of one section that configure one library options type, as their <see cref="ConfiguresAttribute{TOptions}"/>
/// declare it, checked when first built: every named property exists, is writable and takes the setting's type. The one
/// place that copies section values into library options, including the options' own parts (a client's <c>Tls</c>, the
/// broker overrides) when settings map to their types.
/// </summary>
public sealed class OptionsMapping
{
    private static readonly ConcurrentDictionary<(SectionSettings, Type), OptionsMapping> Built = new();

    private readonly IReadOnlyList<(PropertyInfo Part, OptionsMapping Mapping)> _parts;

    private OptionsMapping(IReadOnlyList<(SettingDeclaration Setting, PropertyInfo Target)> pairs, IReadOnlyList<(PropertyInfo Part, OptionsMapping Mapping)> parts)
    {
        Pairs = pairs;
        _parts = parts;
    }

    /// <summary>Each mapped setting and the library property it configures, in declaration order.</summary>
    public IReadOnlyList<(SettingDeclaration Setting, PropertyInfo Target)> Pairs { get; }

    /// <summary>The mapping from <typeparamref name="TSection"/> to <typeparamref name="TOptions"/> (built and checked once).</summary>
    public static OptionsMapping Of<TSection, TOptions>()
        where TSection : class, IConfigSection<TSection>, new()
        where TOptions : class => For(SectionSettings.Of<TSection>(), typeof(TOptions));

    /// <summary>The mapping from <paramref name="settings"/> to <paramref name="options"/>; a wrong declaration throws, naming every one.</summary>
    public static OptionsMapping For(SectionSettings settings, Type options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        return Built.GetOrAdd((settings, options), key => Build(key.Item1, key.Item2));
    }

    /// <summary>Copies each mapped setting's value from <paramref name="section"/> into <paramref name="options"/>.</summary>
    public void Copy(object section, object options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (setting, target) in Pairs)
        {
            target.SetValue(options, setting.GetValue(section));
        }

        foreach (var (part, mapping) in _parts)
        {
            mapping.Copy(section, part.GetValue(options) ?? throw new InvalidOperationException($"{options.GetType().Name}.{part.Name} is null."));
        }
    }

    private static OptionsMapping Build(SectionSettings settings, Type options)
    {
        var pairs = new List<(SettingDeclaration, PropertyInfo)>();
        var errors = new List<string>();
        foreach (var setting in settings.Declarations)
        {
            foreach (var mapped in setting.Property.GetCustomAttributes<ConfiguresOptionAttribute>().Where(mapped => mapped.Options == options))
            {
                var name = mapped.Property ?? setting.Property.Name;
                var target = options.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
                if (target is null || target.SetMethod?.IsPublic != true)
                {
                    errors.Add($"{setting.Key.DisplayName}: {options.Name} has no writable property {name}");
                }
                else if (!target.PropertyType.IsAssignableFrom(setting.Property.PropertyType))
                {
                    errors.Add($"{setting.Key.DisplayName}: {options.Name}.{name} is {target.PropertyType.Name}, not {setting.Property.PropertyType.Name}");
                }
                else
                {
                    pairs.Add((setting, target));
                }
            }
        }

        // A read-only property whose type some setting maps to is a part of the options, configured in place.
        var mappedTypes = settings.Declarations
            .SelectMany(setting => setting.Property.GetCustomAttributes<ConfiguresOptionAttribute>().Select(mapped => mapped.Options))
            .ToHashSet();
        var parts = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(part => part.SetMethod?.IsPublic != true && mappedTypes.Contains(part.PropertyType))
            .Select(part => (part, For(settings, part.PropertyType)))
            .ToList();
        return errors.Count == 0
            ? new OptionsMapping(pairs, parts)
            : throw new InvalidOperationException($"{settings.OptionsType.Name} -> {options.Name}: {string.Join("; ", errors)}");
    }
}

/// <summary>Configures <typeparamref name="TOptions"/> from the settings of <typeparamref name="TSection"/> mapped to it.</summary>
public sealed class MappedOptionsSetup<TSection, TOptions>(TSection section) : Microsoft.Extensions.Options.IConfigureOptions<TOptions>
    where TSection : class, IConfigSection<TSection>, new()
    where TOptions : class
{
    public void Configure(TOptions options) => OptionsMapping.Of<TSection, TOptions>().Copy(section, options);
}
