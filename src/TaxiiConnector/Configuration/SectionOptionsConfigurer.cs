using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace TaxiiConnector.Configuration;

/// <summary>Fills <typeparamref name="TOptions"/> from configuration; problems are reported by the validator.</summary>
internal sealed class SectionOptionsConfigurer<TOptions> : IConfigureOptions<TOptions>
    where TOptions : class, IConfigSection<TOptions>, new()
{
    private readonly IConfiguration _configuration;

    public SectionOptionsConfigurer(IConfiguration configuration) => _configuration = configuration;

    public void Configure(TOptions options) => options.Read(new ConfigSectionReader(_configuration));
}
