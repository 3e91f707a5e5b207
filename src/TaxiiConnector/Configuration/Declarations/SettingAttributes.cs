using System.Runtime.CompilerServices;

namespace TaxiiConnector.Configuration.Declarations;

/// <summary>
/// Declares a property of a section's options class as a setting: its YAML key (the environment name is derived,
/// <c>SECTION_KEY</c>) and its documentation. The default is the property's initializer; the type says how the value
/// is read (bool, int, long, ISO-8601 TimeSpan, http(s) Uri, string, comma-separated list).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SettingAttribute(string key, string description) : Attribute
{
    public string Key { get; } = NotBlank(key);

    public string Description { get; } = NotBlank(description);

    /// <summary>The key exists in OpenCTI's Python connector (or pycti) with the same meaning: documented first.</summary>
    public bool Python { get; set; }

    /// <summary>The value is taken as written, surrounding spaces included (passwords).</summary>
    public bool Verbatim { get; set; }

    /// <summary>Setting this key switches the section's source on.</summary>
    public bool SwitchesSourceOn { get; set; }

    /// <summary>The key holds a nested structure (a YAML mapping or sequence of mappings) that the section reads itself.</summary>
    public bool Structured { get; set; }

    private static string NotBlank(string value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value;
    }
}

/// <summary>A token, password or API key: masked in <c>check-config</c>, never quoted in a problem.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SecretAttribute : Attribute;

/// <summary>Other YAML names read when the setting's own is unset (the Python connector reads <c>taxii2.v2.1</c>).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class AliasAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>The inclusive bounds of a whole-number setting.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class BoundsAttribute(long min, long max = long.MaxValue) : Attribute
{
    public long Min { get; } = min;

    public long Max { get; } = max;
}

/// <summary>A string setting that must be one of these values (case-insensitive); the value keeps this spelling.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ChoiceAttribute(params string[] allowed) : Attribute
{
    public IReadOnlyList<string> Allowed { get; } = allowed;
}

/// <summary>A duration written as a whole number of <see cref="Unit"/> (the Python connector's <c>initial_history</c> hours).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class CountOfAttribute(long ticksPerUnit) : Attribute
{
    public TimeSpan Unit { get; } = TimeSpan.FromTicks(ticksPerUnit);
}

/// <summary>A duration setting for which zero is a meaningful value (off, or immediately).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class AllowZeroAttribute : Attribute;

/// <summary>A path to a file that must exist (certificates, keys, CA bundles): checked at start, not at the first request.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ExistingFileAttribute : Attribute;

/// <summary>The setting's value is read and documented by an <see cref="ISettingParser"/> (values with their own grammar).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ParsedWithAttribute(Type parser) : Attribute
{
    public Type Parser { get; } = parser;
}

/// <summary>
/// A property whose type declares more settings of the same section (the object-processing settings every source
/// shares). <see cref="PythonKeys"/> says whether its Python keys are the Python connector's in this section.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SettingGroupAttribute : Attribute
{
    public bool PythonKeys { get; set; }
}

/// <summary>Reads a setting whose value has its own grammar, and writes its default the way a user would.</summary>
public interface ISettingParser
{
    /// <summary>The value for a set key; problems go to <paramref name="reader"/>.</summary>
    object? Parse(ConfigSectionReader reader, ConfigKey key);

    /// <summary>The documented form of <paramref name="value"/> (empty: unset).</summary>
    string Format(object? value);
}
