using System.Reflection;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.OpenCti;
using TaxiiConnector.Server.Push;
using TaxiiConnector.Sources.Taxii11;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Sources.TaxiiPush;
using TaxiiConnector.Stix.Transform;
using TaxiiConnector.Taxii.Auth;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Tests.Configuration;

/// <summary>
/// Issue 17 §1: a setting names the library option it configures ([Configures&lt;T&gt;]) and one mapping copies them.
/// Every declared mapping is checked (the property exists, is writable, takes the setting's type), and every library
/// option is accounted for: configured by a setting, by a line of the host's setup, or kept as the library's own.
/// </summary>
public sealed class OptionsMappingTests
{
    /// <summary>
    /// Per library options type: what the host's setup computes itself (a line in its setup) and what the library keeps
    /// as its own, unexposed default. Everything else must be configured by a setting's [Configures].
    /// </summary>
    private static readonly Dictionary<Type, (string[] SetupLines, string[] LibraryOwned)> Accounted = new()
    {
        [typeof(Taxii1ClientOptions)] = ([], [nameof(Taxii1ClientOptions.PollContentBindings), nameof(Taxii1ClientOptions.MaxStatusRetries),
            nameof(Taxii1ClientOptions.DefaultStatusWait), nameof(Taxii1ClientOptions.MaxStatusWait), nameof(Taxii1ClientOptions.MaxSmallResponseCharacters)]),
        [typeof(Taxii2ClientOptions)] = ([nameof(Taxii2ClientOptions.Version), nameof(Taxii2ClientOptions.UserAgent)],
            [nameof(Taxii2ClientOptions.RetryBaseDelay), nameof(Taxii2ClientOptions.MaxRetryAfter), nameof(Taxii2ClientOptions.FollowNextWithoutMore),
            nameof(Taxii2ClientOptions.DefaultRangePageSize), nameof(Taxii2ClientOptions.MaxTrackedObjectVersions)]),
        [typeof(Taxii2SourceOptions)] = ([nameof(Taxii2SourceOptions.InitialHistory), nameof(Taxii2SourceOptions.Limit), nameof(Taxii2SourceOptions.Transform)],
            [nameof(Taxii2SourceOptions.ApiRootOverrides), nameof(Taxii2SourceOptions.StateKeyOrigin)]),
        [typeof(PushConsumerOptions)] = ([], [nameof(PushConsumerOptions.RetryDelay), nameof(PushConsumerOptions.MaxRetryDelay), nameof(PushConsumerOptions.CloseWorkTimeout)]),
        [typeof(TaxiiPushHostOptions)] = ([nameof(TaxiiPushHostOptions.ListenAddress), nameof(TaxiiPushHostOptions.Port), nameof(TaxiiPushHostOptions.SpoolDirectory),
            nameof(TaxiiPushHostOptions.EnvelopeObserved), nameof(TaxiiPushHostOptions.Certificate), nameof(TaxiiPushHostOptions.Collections),
            nameof(TaxiiPushHostOptions.Users), nameof(TaxiiPushHostOptions.LoggerFactory), nameof(TaxiiPushHostOptions.TimeProvider)],
            [nameof(TaxiiPushHostOptions.Description), nameof(TaxiiPushHostOptions.StatusRetention)]),
        [typeof(StixTransformerOptions)] = ([nameof(StixTransformerOptions.AddCustomLabel), nameof(StixTransformerOptions.CustomLabel),
            nameof(StixTransformerOptions.StixCustomPropertyToLabel), nameof(StixTransformerOptions.StixCustomProperty), nameof(StixTransformerOptions.IgnorePatternTypes),
            nameof(StixTransformerOptions.IgnoreObjectTypes), nameof(StixTransformerOptions.IgnoreSpecificPatterns), nameof(StixTransformerOptions.IgnoreSpecificNotes),
            nameof(StixTransformerOptions.ExcludeLabelPatterns), nameof(StixTransformerOptions.LabelReplacements), nameof(StixTransformerOptions.ReportStatusWorkflowId),
            nameof(StixTransformerOptions.CopyConfidenceToScore)],
            [nameof(StixTransformerOptions.AddMissingPatternType)]),
        [typeof(OpenCtiClientOptions)] = ([nameof(OpenCtiClientOptions.CustomHeaders), nameof(OpenCtiClientOptions.QueueThresholdMb), nameof(OpenCtiClientOptions.QueueProtocol),
            nameof(OpenCtiClientOptions.ConnectorScope), nameof(OpenCtiClientOptions.RunAndTerminate), nameof(OpenCtiClientOptions.MaxBundleBytes),
            nameof(OpenCtiClientOptions.DryRunOutputDirectory), nameof(OpenCtiClientOptions.StateFilePath)],
            [nameof(OpenCtiClientOptions.AttemptTimeout), nameof(OpenCtiClientOptions.MaxRetryAttempts), nameof(OpenCtiClientOptions.RetryBaseDelay),
            nameof(OpenCtiClientOptions.ConnectorAuto), nameof(OpenCtiClientOptions.AmqpRetryBaseDelay), nameof(OpenCtiClientOptions.AmqpMaxRetryDelay),
            nameof(OpenCtiClientOptions.Version)]),
        [typeof(AmqpConnectionOverrides)] = ([], []),
        [typeof(ClientTlsOptions)] = ([], []),
    };

    /// <summary>Every section's declarations, and the object-processing group's (declared once, used by every source).</summary>
    private static IEnumerable<SectionSettings> AllSettings() =>
        typeof(ConfigSection<>).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && type.BaseType is { IsGenericType: true } baseType
                && (baseType.GetGenericTypeDefinition() == typeof(ConfigSection<>) || baseType.GetGenericTypeDefinition() == typeof(ConfigSourceSection<>)))
            .Select(type => (SectionSettings)typeof(SectionSettings).GetMethod(nameof(SectionSettings.Of))!.MakeGenericMethod(type).Invoke(null, null)!)
            .Append(SectionSettings.ForGroup<TransformerSettings>("transform", pythonKeys: false));

    private static IEnumerable<(SectionSettings Settings, Type Library)> DeclaredPairs() =>
        AllSettings().SelectMany(settings => settings.Declarations
            .Where(declaration => declaration.Group is null)
            .SelectMany(declaration => declaration.Property.GetCustomAttributes<ConfiguresOptionAttribute>())
            .Select(mapped => mapped.Options)
            .Distinct()
            .Select(library => (settings, library)));

    [Fact]
    public void EveryDeclaredMapping_NamesAWritablePropertyThatTakesTheSettingsType()
    {
        var pairs = DeclaredPairs().ToList();

        pairs.Select(pair => pair.Library).Distinct().Should().BeEquivalentTo(Accounted.Keys, "each library options type the host configures is listed below");
        foreach (var (settings, library) in pairs)
        {
            var declared = settings.Declarations.Where(declaration => declaration.Group is null)
                .Sum(declaration => declaration.Property.GetCustomAttributes<ConfiguresOptionAttribute>().Count(mapped => mapped.Options == library));
            var build = () => OptionsMapping.For(settings, library);
            build.Should().NotThrow().Which.Pairs.Should().HaveCount(declared, $"{settings.OptionsType.Name} -> {library.Name}");
        }
    }

    [Fact]
    public void EveryLibraryOption_IsConfiguredBySettingOrBySetupLineOrKeptByTheLibrary()
    {
        var mapped = DeclaredPairs().SelectMany(pair => OptionsMapping.For(pair.Settings, pair.Library).Pairs.Select(p => (pair.Settings, pair.Library, p.Target.Name))).ToList();

        foreach (var (library, (setupLines, libraryOwned)) in Accounted)
        {
            var byMapping = mapped.Where(m => m.Library == library).Select(m => m.Name).Distinct().ToList();
            var all = library.GetProperties(BindingFlags.Public | BindingFlags.Instance);

            // A part whose type settings map to (a client's Tls, the broker overrides) is configured in place by the mapping.
            var properties = all.Where(property => property.SetMethod?.IsPublic == true || !Accounted.ContainsKey(property.PropertyType)).Select(property => property.Name).ToList();

            properties.Except(byMapping).Except(setupLines).Except(libraryOwned).Should().BeEmpty($"every {library.Name} option is configured by a setting, a setup line or the library");
            byMapping.Intersect(setupLines.Concat(libraryOwned)).Should().BeEmpty($"a {library.Name} option is configured in one place");
            mapped.Where(m => m.Library == library).GroupBy(m => m.Settings).Should()
                .AllSatisfy(fromOneSection => fromOneSection.Select(m => m.Name).Should().OnlyHaveUniqueItems($"a {library.Name} option is configured by one setting of a section"));
            setupLines.Concat(libraryOwned).Should().BeSubsetOf(all.Select(property => property.Name), $"the list names {library.Name}'s options as they are");
        }
    }

    [Fact]
    public void For_WrongMappings_FailsNamingEachSettingAndProperty()
    {
        var build = () => OptionsMapping.Of<WronglyMappedSection, Taxii1ClientOptions>();

        build.Should().Throw<InvalidOperationException>()
            .Which.Message.Should().Contain("(wrong.missing): Taxii1ClientOptions has no writable property NoSuchOption")
            .And.Contain("(wrong.mistyped): Taxii1ClientOptions.MaxPollParts is Int32, not String");
    }

    [Fact]
    public void Copy_ConfiguresTheOptionsPartsInPlace()
    {
        var section = new Taxii2Options { CertPath = "/certs/client.pem", CaPath = "/certs/ca.pem", VerifySsl = false };
        var options = new Taxii2ClientOptions();

        OptionsMapping.Of<Taxii2Options, Taxii2ClientOptions>().Copy(section, options);

        options.Tls.CertificatePath.Should().Be("/certs/client.pem");
        options.Tls.CaBundlePath.Should().Be("/certs/ca.pem");
        options.Tls.VerifySsl.Should().BeFalse();
    }

    [Fact]
    public void Copy_TakesEachMappedValueAsRead_UnderTheLibrarysName()
    {
        var section = new Taxii11Options { Username = "alice", MaxParts = 7, VerifySsl = false, RequestTimeout = TimeSpan.FromSeconds(3) };
        var options = new Taxii1ClientOptions();

        new MappedOptionsSetup<Taxii11Options, Taxii1ClientOptions>(section).Configure(options);

        options.Username.Should().Be("alice");
        options.MaxPollParts.Should().Be(7);
        options.Tls.VerifySsl.Should().BeFalse();
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(3));
    }

    /// <summary>A section whose mappings are wrong on purpose: a name the library lacks, and a type it does not take.</summary>
    private sealed class WronglyMappedSection() : ConfigSection<WronglyMappedSection>("wrong")
    {
        [Setting("missing", "A setting mapped to no property."), Configures<Taxii1ClientOptions>("NoSuchOption")] public string? Missing { get; set; }

        [Setting("mistyped", "A text mapped to a number."), Configures<Taxii1ClientOptions>(nameof(Taxii1ClientOptions.MaxPollParts))] public string? Mistyped { get; set; }

        protected override void Check(ConfigValidationContext context)
        {
        }
    }
}
