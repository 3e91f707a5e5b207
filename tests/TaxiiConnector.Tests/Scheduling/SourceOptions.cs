using System.Globalization;
using Microsoft.Extensions.Configuration;
using TaxiiConnector.Configuration;
using TaxiiConnector.Sources.CyberThreatExchange;
using TaxiiConnector.Sources.Taxii2;

namespace TaxiiConnector.Tests.Scheduling;

/// <summary>Source sections read from settings as the host reads them, so "enabled" means what it means at start.</summary>
internal static class SourceOptions
{
    public static Taxii2Options Taxii2(int? interval, bool enabled = true) =>
        Read<Taxii2Options>(
            ("taxii2:discovery_url", enabled ? "https://taxii.example.com/taxii2/" : null),
            ("taxii2:interval", interval?.ToString(CultureInfo.InvariantCulture)));

    public static CyberThreatExchangeOptions CyberThreatExchange(int? intervalHours, bool enabled = true) =>
        Read<CyberThreatExchangeOptions>(
            ("cyberthreatexchange:api_key", enabled ? "ctx-key" : null),
            ("cyberthreatexchange:feed_ids", enabled ? "feed-1" : null),
            ("cyberthreatexchange:interval_hours", intervalHours?.ToString(CultureInfo.InvariantCulture)));

    private static T Read<T>(params (string Key, string? Value)[] settings)
        where T : class, IConfigSection<T>, new()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Where(s => s.Value is not null).Select(s => KeyValuePair.Create(s.Key, s.Value)))
            .Build();
        var reader = new ConfigSectionReader(configuration);
        var options = new T();
        options.Read(reader);
        reader.Problems.Should().BeEmpty();
        return options;
    }
}
