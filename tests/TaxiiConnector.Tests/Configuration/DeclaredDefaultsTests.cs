using System.Collections;
using System.Reflection;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Server.Push;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Sources.TaxiiPush;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Tests.Configuration;

/// <summary>
/// Issue 17 §1: every default exists once, on the section's declaration. A library options type configured from a
/// section must not restate a default the section declares: its default-constructed value for such a property is the
/// type's zero value.
/// </summary>
public sealed class DeclaredDefaultsTests
{
    /// <summary>Which library options type each converted section configures, and the library names that differ.</summary>
    public static TheoryData<string> Pairs() => [.. PairTable.Keys];

    private static readonly Dictionary<string, (SectionSettings Section, Type Library, Dictionary<string, string> Renamed)> PairTable = new()
    {
        ["taxii2 -> Taxii2ClientOptions"] = (SectionSettings.Of<Taxii2Options>(), typeof(Taxii2ClientOptions), new()
        {
            [nameof(Taxii2Options.VersionSetting)] = nameof(Taxii2ClientOptions.Version),
            [nameof(Taxii2Options.V21)] = nameof(Taxii2ClientOptions.Version),
            [nameof(Taxii2Options.ApiKeyName)] = nameof(Taxii2ClientOptions.ApiKeyHeader),
            [nameof(Taxii2Options.CertPath)] = nameof(Taxii2ClientOptions.ClientCertificatePath),
            [nameof(Taxii2Options.KeyPath)] = nameof(Taxii2ClientOptions.ClientKeyPath),
            [nameof(Taxii2Options.CertPassword)] = nameof(Taxii2ClientOptions.ClientCertificatePassword),
            [nameof(Taxii2Options.CaPath)] = nameof(Taxii2ClientOptions.CaBundlePath),
            [nameof(Taxii2Options.RequestTimeout)] = nameof(Taxii2ClientOptions.AttemptTimeout),
        }),
        ["taxii2 -> Taxii2SourceOptions"] = (SectionSettings.Of<Taxii2Options>(), typeof(Taxii2SourceOptions), new()
        {
            [nameof(Taxii2Options.InitialHistoryHours)] = nameof(Taxii2SourceOptions.InitialHistory),
            [nameof(Taxii2Options.UrlQueryLimit)] = nameof(Taxii2SourceOptions.Limit),
        }),
        ["taxii_push -> TaxiiPushHostOptions"] = (SectionSettings.Of<TaxiiPushOptions>(), typeof(TaxiiPushHostOptions), new()
        {
            [nameof(TaxiiPushOptions.SpoolPath)] = nameof(TaxiiPushHostOptions.SpoolDirectory),
            [nameof(TaxiiPushOptions.CertPath)] = nameof(TaxiiPushHostOptions.Certificate),
        }),
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void LibraryOptions_RestateNoDefaultTheSectionDeclares(string pair)
    {
        var (section, library, renamed) = PairTable[pair];
        var instance = Activator.CreateInstance(library)!;

        var restated = new List<string>();
        foreach (var declaration in section.Declarations)
        {
            var name = renamed.GetValueOrDefault(declaration.Property.Name, declaration.Property.Name);
            var property = library.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            if (property is not null && !IsZero(property.GetValue(instance)))
            {
                restated.Add($"{library.Name}.{property.Name} = {SectionSettings.Format(property.GetValue(instance))} restates {declaration.Key.YamlKey} (default {declaration.Key.DefaultValue})");
            }
        }

        restated.Should().BeEmpty("the section's declaration holds the default; the host configures the library from it");
    }

    [Fact]
    public void Pairs_EachMapsSomeDeclaredSetting()
    {
        foreach (var (section, library, renamed) in PairTable.Values)
        {
            section.Declarations.Count(declaration =>
                    library.GetProperty(renamed.GetValueOrDefault(declaration.Property.Name, declaration.Property.Name)) is not null)
                .Should().BeGreaterThan(1, $"{library.Name} is configured from {section.Section}");
        }
    }

    private static bool IsZero(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        IEnumerable items => !items.Cast<object?>().Any(),
        _ => value.Equals(Activator.CreateInstance(value.GetType())),
    };
}
