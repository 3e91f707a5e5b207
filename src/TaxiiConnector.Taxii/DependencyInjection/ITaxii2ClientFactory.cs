using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Taxii.DependencyInjection;

/// <summary>Creates the <see cref="Taxii2Client"/> registered under a name by <c>AddTaxii2Client(name, ...)</c>.</summary>
public interface ITaxii2ClientFactory
{
    Taxii2Client Create(string name);
}

internal sealed class Taxii2ClientFactory : ITaxii2ClientFactory
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<Taxii2ClientOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<Taxii2Client> _logger;
    private readonly RangeFormMemory _rangeForms;

    public Taxii2ClientFactory(IHttpClientFactory httpClientFactory, IOptionsMonitor<Taxii2ClientOptions> options, TimeProvider timeProvider, ILogger<Taxii2Client> logger,
        RangeFormMemory rangeForms)
    {
        _rangeForms = rangeForms;
        _httpClientFactory = httpClientFactory;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public Taxii2Client Create(string name) =>
        new(_httpClientFactory.CreateClient(name), _options.Get(name), _timeProvider, _logger, _rangeForms);
}
