using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration.Sections;

namespace TaxiiConnector.Configuration.Placeholders;

/// <summary>Every known setting still holding a sample's placeholder is one problem line saying so.</summary>
internal sealed class PlaceholderValidator(IConfiguration configuration) : IValidateOptions<ConnectorOptions>
{
    public const string Marker = "is a placeholder";

    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        var reader = new ConfigSectionReader(configuration);
        var problems = ConfigSections.KnownKeys
            .Where(key => PlaceholderValues.IsPlaceholder(reader.GetRawValue(key)))
            .Select(key => $"{key.DisplayName}: '{reader.GetRawValue(key)!.Trim()}' {Marker} from a sample file, not a real value: set it")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
