using TaxiiConnector.Stix.Bundles;
using Microsoft.Extensions.Options;
using System.Collections;
using System.Reflection;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.OpenCti;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Server.Push;
using TaxiiConnector.Sources.Taxii11;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Sources.TaxiiPush;
using TaxiiConnector.Stix.Transform;
using TaxiiConnector.Taxii.Auth;
using TaxiiConnector.Taxii.DependencyInjection;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Tests.Configuration;

/// <summary>
/// Issue 17 §1: every default exists once, on the section's declaration. A library options type configured from a
/// section must not restate a default the section declares: its default-constructed value for such a property is the
/// type's zero value. And the host's setup must hand the library each declared default it maps.
/// </summary>
public sealed class DeclaredDefaultsTests
{
    /// <summary>Which library options type each section configures, and the library names that differ.</summary>
    public static TheoryData<string> Pairs() => [.. PairTable.Keys];

    /// <summary>The pairs whose host setup can run here on sections with nothing set.</summary>
    public static TheoryData<string> ConfiguredPairs() => [.. Configured.Keys];

    /// <summary>The library options as the host's setup configures them from sections with nothing set.</summary>
    private static readonly Dictionary<string, Func<object>> Configured = new()
    {
        ["taxii2 -> Taxii2ClientOptions"] = () => Configure(new Taxii2ClientOptions(), options =>
            new Taxii2ClientOptionsSetup(new Taxii2Options()).Configure(Taxii2ServiceCollectionExtensions.DefaultName, options)),
        ["taxii11 -> Taxii1ClientOptions"] = () => Configure(new Taxii1ClientOptions(), new MappedOptionsSetup<Taxii11Options, Taxii1ClientOptions>(new Taxii11Options()).Configure),
        ["taxii2 -> ClientTlsOptions"] = () => Configure(new Taxii2ClientOptions(), options =>
            new Taxii2ClientOptionsSetup(new Taxii2Options()).Configure(Taxii2ServiceCollectionExtensions.DefaultName, options)).Tls,
        ["taxii11 -> ClientTlsOptions"] = () => Configure(new Taxii1ClientOptions(), new MappedOptionsSetup<Taxii11Options, Taxii1ClientOptions>(new Taxii11Options()).Configure).Tls,
        ["object processing -> StixTransformerOptions"] = () => StixTransformerOptionsSetup.Create(Taxii2Options.SectionName, new TransformerSettings()),
        ["opencti -> OpenCtiClientOptions"] = ConfiguredOpenCti,
        ["connector -> OpenCtiClientOptions"] = ConfiguredOpenCti,
        ["mq -> OpenCtiClientOptions"] = ConfiguredOpenCti,
        ["mq -> AmqpConnectionOverrides"] = () => ((OpenCtiClientOptions)ConfiguredOpenCti()).Mq,
        ["taxii_push -> PushConsumerOptions"] = () => Configure(new PushConsumerOptions(), new MappedOptionsSetup<TaxiiPushOptions, PushConsumerOptions>(new TaxiiPushOptions()).Configure),
    };

    private static readonly Dictionary<string, (SectionSettings Section, Type Library, Dictionary<string, string> Renamed)> PairTable = new()
    {
        ["taxii11 -> Taxii1ClientOptions"] = (SectionSettings.Of<Taxii11Options>(), typeof(Taxii1ClientOptions), new()),
        ["object processing -> StixTransformerOptions"] = (SectionSettings.ForGroup<TransformerSettings>(Taxii2Options.SectionName, pythonKeys: true), typeof(StixTransformerOptions), new()
        {
            [nameof(TransformerSettings.PatternTypesToIgnore)] = nameof(StixTransformerOptions.IgnorePatternTypes),
            [nameof(TransformerSettings.ObjectTypesToIgnore)] = nameof(StixTransformerOptions.IgnoreObjectTypes),
            [nameof(TransformerSettings.PatternsToIgnore)] = nameof(StixTransformerOptions.IgnoreSpecificPatterns),
            [nameof(TransformerSettings.NotesToIgnore)] = nameof(StixTransformerOptions.IgnoreSpecificNotes),
            [nameof(TransformerSettings.LabelsToExclude)] = nameof(StixTransformerOptions.ExcludeLabelPatterns),
            [nameof(TransformerSettings.CharactersToReplaceInLabel)] = nameof(StixTransformerOptions.LabelReplacements),
            [nameof(TransformerSettings.ChangeReportStatusWorkflowId)] = nameof(StixTransformerOptions.ReportStatusWorkflowId),
        }),
        ["opencti -> OpenCtiClientOptions"] = (SectionSettings.Of<OpenCtiOptions>(), typeof(OpenCtiClientOptions), []),
        ["connector -> OpenCtiClientOptions"] = (SectionSettings.Of<ConnectorOptions>(), typeof(OpenCtiClientOptions), new()
        {
            [nameof(ConnectorOptions.Scope)] = nameof(OpenCtiClientOptions.ConnectorScope),
            [nameof(ConnectorOptions.QueueThresholdMegabytes)] = nameof(OpenCtiClientOptions.QueueThresholdMb),
        }),
        ["mq -> OpenCtiClientOptions"] = (SectionSettings.Of<MqOptions>(), typeof(OpenCtiClientOptions), new()),
        ["mq -> AmqpConnectionOverrides"] = (SectionSettings.Of<MqOptions>(), typeof(AmqpConnectionOverrides), new()),
        ["taxii2 -> Taxii2ClientOptions"] = (SectionSettings.Of<Taxii2Options>(), typeof(Taxii2ClientOptions), new()
        {
            [nameof(Taxii2Options.VersionSetting)] = nameof(Taxii2ClientOptions.Version),
            [nameof(Taxii2Options.V21)] = nameof(Taxii2ClientOptions.Version),
            [nameof(Taxii2Options.ApiKeyName)] = nameof(Taxii2ClientOptions.ApiKeyHeader),
            [nameof(Taxii2Options.RequestTimeout)] = nameof(Taxii2ClientOptions.AttemptTimeout),
        }),
        ["taxii2 -> ClientTlsOptions"] = (SectionSettings.Of<Taxii2Options>(), typeof(ClientTlsOptions), new()),
        ["taxii11 -> ClientTlsOptions"] = (SectionSettings.Of<Taxii11Options>(), typeof(ClientTlsOptions), new()),
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
        ["taxii_push -> PushConsumerOptions"] = (SectionSettings.Of<TaxiiPushOptions>(), typeof(PushConsumerOptions), []),
        ["connector -> StixBundleWriterOptions"] = (SectionSettings.Of<ConnectorOptions>(), typeof(StixBundleWriterOptions), []),
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void LibraryOptions_RestateNoDefaultTheSectionDeclares(string pair)
    {
        var (section, library, renamed) = PairTable[pair];
        var instance = Activator.CreateInstance(library)!;

        var restated = new List<string>();
        foreach (var (declaration, property) in Mapped(section, library, renamed))
        {
            if (!IsZero(property.GetValue(instance)))
            {
                restated.Add($"{library.Name}.{property.Name} = {SectionSettings.Format(property.GetValue(instance))} restates {declaration.Key.YamlKey} (default {declaration.Key.DefaultValue})");
            }
        }

        restated.Should().BeEmpty("the section's declaration holds the default; the host configures the library from it");
    }

    /// <summary>With the library's defaults gone, a setup that forgets a setting would hand the library a zero.</summary>
    [Theory]
    [MemberData(nameof(ConfiguredPairs))]
    public void HostSetup_FromUnsetSections_GivesTheLibraryEachDeclaredDefault(string pair)
    {
        var (section, library, renamed) = PairTable[pair];
        var options = Configured[pair]();
        var compared = 0;
        var differing = new List<string>();
        foreach (var (declaration, property) in Mapped(section, library, renamed))
        {
            // Settings whose type changes on the way (hours to a duration, a choice to an enum) are the setup's own logic.
            if (declaration.Property.PropertyType != property.PropertyType)
            {
                continue;
            }

            compared++;
            var value = SectionSettings.Format(property.GetValue(options));
            if (value != declaration.Key.DefaultValue)
            {
                differing.Add($"{library.Name}.{property.Name} = '{value}', but {declaration.Key.YamlKey} defaults to '{declaration.Key.DefaultValue}'");
            }
        }

        compared.Should().BeGreaterThan(0);
        differing.Should().BeEmpty("the host configures the library with the section's values, its defaults included");
    }

    [Fact]
    public void Pairs_EachMapsSomeDeclaredSetting()
    {
        foreach (var (section, library, renamed) in PairTable.Values)
        {
            Mapped(section, library, renamed).Should().NotBeEmpty($"{library.Name} is configured from {section.Section}");
        }
    }

    /// <summary>
    /// Each declared setting and the library property it configures: the one its [Configures] names, else the one the
    /// table's renames name (a setup line), else the property of the same name.
    /// </summary>
    private static IEnumerable<(SettingDeclaration Declaration, PropertyInfo Property)> Mapped(SectionSettings section, Type library, Dictionary<string, string> renamed)
    {
        var declared = OptionsMapping.For(section, library).Pairs.ToDictionary(pair => pair.Setting.Property.Name, pair => pair.Target);
        return section.Declarations
            .Select(declaration => (declaration, property: declared.GetValueOrDefault(declaration.Property.Name) ?? library.GetProperty(
                renamed.GetValueOrDefault(declaration.Property.Name, declaration.Property.Name), BindingFlags.Public | BindingFlags.Instance)))
            .Where(pair => pair.property is not null)
            .Select(pair => (pair.declaration, pair.property!));
    }

    private static object ConfiguredOpenCti() =>
        Configure(new OpenCtiClientOptions(), new OpenCtiClientOptionsSetup(
            new ConnectorInvocation(), new ConnectorOptions(), new OpenCtiOptions(), new MqOptions(), new StateOptions()).Configure);

    private static T Configure<T>(T options, Action<T> configure)
    {
        configure(options);
        return options;
    }

    private static bool IsZero(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        IEnumerable items => !items.Cast<object?>().Any(),
        _ => value.Equals(Activator.CreateInstance(value.GetType())),
    };
}
