using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TaxiiConnector.Configuration;

/// <summary>Runs every <c>ValidateOnStart</c> validation now and returns each failure line (empty when valid).</summary>
public static class StartupValidation
{
    public static IReadOnlyList<string> Collect(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return [.. exception.Failures];
        }
        catch (AggregateException exception)
        {
            return [.. exception.Flatten().InnerExceptions.SelectMany(inner => inner is OptionsValidationException validation ? validation.Failures : [inner.Message])];
        }
    }
}
