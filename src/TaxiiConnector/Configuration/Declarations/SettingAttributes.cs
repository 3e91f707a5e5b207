namespace TaxiiConnector.Configuration.Declarations;

/// <summary>
/// Declares a property of a section's options class as a setting: its YAML key (the environment name is derived,
/// <c>SECTION_KEY</c>) and its documentation. The default is the property's initializer; the type says how the value
/// is read (bool, int, long, ISO-8601 TimeSpan, http(s) Uri, string, comma-separated list).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SettingAttribute : Attribute
{
    public SettingAttribute(string key, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Key = key;
        Description = description;
    }

    public string Key { get; }

    public string Description { get; }

    /// <summary>The key exists in OpenCTI's Python connector (or pycti) with the same meaning: documented first.</summary>
    public bool Python { get; set; }

    /// <summary>The value is taken as written, surrounding spaces included (passwords).</summary>
    public bool Verbatim { get; set; }

    /// <summary>Setting this key switches the section's source on.</summary>
    public bool SwitchesSourceOn { get; set; }

    /// <summary>The key holds a nested structure (a YAML mapping or sequence of mappings) that the section reads itself.</summary>
    public bool Structured { get; set; }
}

/// <summary>A token, password or API key: masked in <c>check-config</c>, never quoted in a problem.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SecretAttribute : Attribute;

/// <summary>Other YAML names read when the setting's own is unset (the Python connector reads <c>taxii2.v2.1</c>).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class AliasAttribute : Attribute
{
    public AliasAttribute(params string[] names) => Names = names;

    public IReadOnlyList<string> Names { get; }
}

/// <summary>The inclusive bounds of a whole-number setting.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class BoundsAttribute : Attribute
{
    public BoundsAttribute(long min, long max = long.MaxValue)
    {
        Min = min;
        Max = max;
    }

    public long Min { get; }

    public long Max { get; }
}

/// <summary>A string setting that must be one of these values (case-insensitive); the value keeps this spelling.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ChoiceAttribute : Attribute
{
    public ChoiceAttribute(params string[] allowed) => Allowed = allowed;

    public IReadOnlyList<string> Allowed { get; }
}

/// <summary>A duration written as a whole number of <see cref="Unit"/> (the Python connector's <c>initial_history</c> hours).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class CountOfAttribute : Attribute
{
    public CountOfAttribute(long ticksPerUnit) => Unit = TimeSpan.FromTicks(ticksPerUnit);

    public TimeSpan Unit { get; }
}

/// <summary>A duration setting for which zero is a meaningful value (off, or immediately).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class AllowZeroAttribute : Attribute;

/// <summary>A path to a file that must exist (certificates, keys, CA bundles): checked at start, not at the first request.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ExistingFileAttribute : Attribute;

/// <summary>The setting's value is read and documented by an <see cref="ISettingParser"/> (values with their own grammar).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ParsedWithAttribute : Attribute
{
    public ParsedWithAttribute(Type parser) => Parser = parser;

    public Type Parser { get; }
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
