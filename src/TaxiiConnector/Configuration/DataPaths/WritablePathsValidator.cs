using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.Sections;

namespace TaxiiConnector.Configuration.DataPaths;

/// <summary>
/// Before a run starts (and in <c>check-config</c>): each directory the run will write to must be writable, so a
/// read-only image or volume is one problem line naming the setting, not a stack trace from the first write.
/// </summary>
internal sealed class WritablePathsValidator : IValidateOptions<ConnectorOptions>
{
    private readonly IConfiguration _configuration;
    private readonly ConnectorInvocation _invocation;

    public WritablePathsValidator(IConfiguration configuration, ConnectorInvocation invocation)
    {
        _configuration = configuration;
        _invocation = invocation;
    }

    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        if (!string.Equals(_invocation.Command, RunCommand.CommandName, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(_invocation.Command, CheckConfigCommand.CommandName, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Success;
        }

        var problems = WritablePaths.For(_configuration, _invocation)
            .Select(path => path.Problem())
            .OfType<string>()
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
