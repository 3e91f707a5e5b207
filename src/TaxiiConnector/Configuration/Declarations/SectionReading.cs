using TaxiiConnector.Configuration.Declarations;

namespace TaxiiConnector.Configuration;

/// <summary>Lets code holding the concrete options type read it (the binding itself is the section interface's).</summary>
public static class SectionReading
{
    /// <summary>Fills <paramref name="options"/> from <paramref name="reader"/>'s configuration.</summary>
    public static void Read<TOptions>(this TOptions options, ConfigSectionReader reader)
        where TOptions : class, IConfigSection<TOptions>, new() =>
        ((IConfigSection<TOptions>)options).Read(reader);
}
