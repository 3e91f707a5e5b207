using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.Sections;

namespace TaxiiConnector.Configuration.DataPaths;

/// <summary>
/// Before a run starts (and in <c>check-config</c>): each directory the run will write to must be writable, so a
/// read-only image or volume is one problem line naming the setting, not a stack trace from the first write.
/// </summary>
internal sealed class WritablePathsValidator(IConfiguration configuration, ConnectorInvocation invocation) : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        if (!string.Equals(invocation.Command, RunCommand.CommandName, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(invocation.Command, CheckConfigCommand.CommandName, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Success;
        }

        var problems = WritablePaths.For(configuration, invocation)
            .Select(path => path.Problem())
            .OfType<string>()
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
