using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.Declarations;

namespace TaxiiConnector.Configuration;

/// <summary>
/// A registered configuration section: its keys (for docs, check-config and the known-keys checks), how to register
/// its options in DI, and, for a source, how to tell from configuration alone whether it is switched on.
/// </summary>
public sealed class ConfigSectionDescriptor
{
    private readonly SectionSettings _settings;
    private readonly Func<IConfiguration, ConnectorInvocation, IReadOnlyList<ConfigProblem>> _check;
    private readonly Func<IConfiguration, bool>? _isEnabled;
    private readonly Action<IServiceCollection> _register;

    private ConfigSectionDescriptor(SectionSettings settings, Func<IConfiguration, bool>? isEnabled,
        Func<IConfiguration, ConnectorInvocation, IReadOnlyList<ConfigProblem>> check, Action<IServiceCollection> register)
    {
        _settings = settings;
        _isEnabled = isEnabled;
        _check = check;
        _register = register;
    }

    public string Name => _settings.Section;

    public IReadOnlyList<ConfigKey> Keys => _settings.Keys;

    /// <summary>For a source: the key that switches it on. Null for other sections.</summary>
    public ConfigKey? EnabledBy => _isEnabled is null ? null : _settings.EnabledBy;

    public bool IsSource => EnabledBy is not null;

    public static ConfigSectionDescriptor For<TOptions>()
        where TOptions : class, IConfigSection<TOptions>, new() =>
        new(SectionSettings.Of<TOptions>(), null, Check<TOptions>, Register<TOptions>);

    public static ConfigSectionDescriptor ForSource<TOptions>()
        where TOptions : class, IConfigSourceSection<TOptions>, new() =>
        SectionSettings.Of<TOptions>().EnabledBy is null
            ? throw new InvalidOperationException($"{typeof(TOptions).Name} declares no setting with SwitchesSourceOn.")
            : new(SectionSettings.Of<TOptions>(), IsEnabled<TOptions>, Check<TOptions>, Register<TOptions>);

    /// <summary>Whether the source is switched on in <paramref name="configuration"/> (false for non-sources).</summary>
    public bool IsEnabledIn(IConfiguration configuration) => _isEnabled?.Invoke(configuration) ?? false;

    /// <summary>Reads and validates the section from configuration alone (no DI): every problem, one per line.</summary>
    public IReadOnlyList<ConfigProblem> Check(IConfiguration configuration, ConnectorInvocation invocation) =>
        _check(configuration, invocation);

    internal void Register(IServiceCollection services) => _register(services);

    /// <summary>Reads a fresh options instance, then validates it; both passes report to the same reader.</summary>
    internal static (TOptions Options, IReadOnlyList<ConfigProblem> Problems) ReadAndValidate<TOptions>(
        IConfiguration configuration, ConnectorInvocation invocation)
        where TOptions : class, IConfigSection<TOptions>, new()
    {
        var reader = new ConfigSectionReader(configuration);
        var options = new TOptions();
        options.Read(reader);
        options.Validate(new ConfigValidationContext(reader, invocation));
        return (options, reader.Problems);
    }

    private static IReadOnlyList<ConfigProblem> Check<TOptions>(IConfiguration configuration, ConnectorInvocation invocation)
        where TOptions : class, IConfigSection<TOptions>, new() =>
        ReadAndValidate<TOptions>(configuration, invocation).Problems;

    private static bool IsEnabled<TOptions>(IConfiguration configuration)
        where TOptions : class, IConfigSourceSection<TOptions>, new()
    {
        var options = new TOptions();
        options.Read(new ConfigSectionReader(configuration));
        return options.IsEnabled;
    }

    private static void Register<TOptions>(IServiceCollection services)
        where TOptions : class, IConfigSection<TOptions>, new()
    {
        services.AddOptions<TOptions>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<TOptions>, SectionOptionsConfigurer<TOptions>>();
        services.AddSingleton<IValidateOptions<TOptions>, SectionOptionsValidator<TOptions>>();
    }
}
