using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;

namespace TaxiiConnector.Configuration;

/// <summary>
/// Validates a section at start: re-reads it to collect the values that could not be parsed (the configured instance
/// already fell back to defaults for those), then runs the cross-field rules on the configured instance (which may
/// also have been post-configured in code). One failure line per problem.
/// </summary>
internal sealed class SectionOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class, IConfigSection<TOptions>, new()
{
    private readonly IConfiguration _configuration;
    private readonly ConnectorInvocation _invocation;

    public SectionOptionsValidator(IConfiguration configuration, ConnectorInvocation invocation)
    {
        _configuration = configuration;
        _invocation = invocation;
    }

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reader = new ConfigSectionReader(_configuration);
        new TOptions().Read(reader);
        options.Validate(new ConfigValidationContext(reader, _invocation));
        var problems = reader.Problems;
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(problem => problem.ToString()));
    }
}
