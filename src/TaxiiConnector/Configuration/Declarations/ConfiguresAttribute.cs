namespace TaxiiConnector.Configuration.Declarations;

/// <summary>A setting that configures a property of a library's options type (see <see cref="OptionsMapping"/>).</summary>
public abstract class ConfiguresOptionAttribute : Attribute
{
    private protected ConfiguresOptionAttribute(string? property) => Property = property;

    /// <summary>The library options type.</summary>
    public abstract Type Options { get; }

    /// <summary>The library property's name; null when it is the setting's property name.</summary>
    public string? Property { get; }
}

/// <summary>
/// The setting's value is copied, as read, into <typeparamref name="TOptions"/>'s property of the same name (or the one
/// named): the library keeps no default of its own for it. A value the library needs in another form (a choice to an
/// enum, hours to a duration, a path to a loaded certificate) is no mapping but a line of the section's setup.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
public sealed class ConfiguresAttribute<TOptions>(string? property = null) : ConfiguresOptionAttribute(property)
    where TOptions : class
{
    public override Type Options => typeof(TOptions);
}
