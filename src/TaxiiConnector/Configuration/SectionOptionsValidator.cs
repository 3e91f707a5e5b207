using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;

namespace TaxiiConnector.Configuration;

/// <summary>
/// Validates a section at start: re-reads it to collect the values that could not be parsed (the configured instance
/// already fell back to defaults for those), then runs the cross-field rules on the configured instance (which may
/// also have been post-configured in code). One failure line per problem.
/// </summary>
internal sealed class SectionOptionsValidator<TOptions>(IConfiguration configuration, ConnectorInvocation invocation) : IValidateOptions<TOptions>
    where TOptions : class, IConfigSection<TOptions>, new()
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reader = new ConfigSectionReader(configuration);
        new TOptions().Read(reader);
        options.Validate(new ConfigValidationContext(reader, invocation));
        var problems = reader.Problems;
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(problem => problem.ToString()));
    }
}
