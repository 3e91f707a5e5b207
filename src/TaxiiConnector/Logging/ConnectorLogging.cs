using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;

namespace TaxiiConnector.Logging;

/// <summary>
/// Serilog at the host edge: console output, text or compact JSON (<c>connector.log_format</c>), level from
/// <c>connector.log_level</c>. Components log through <c>ILogger</c> with <c>[LoggerMessage]</c> methods.
/// </summary>
public static class ConnectorLogging
{
    private const string TextTemplate = "[{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>The logger used until configuration is read, and for failures before that.</summary>
    public static Logger CreateBootstrapLogger() =>
        new LoggerConfiguration().MinimumLevel.Information().WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateLogger();

    /// <summary>
    /// The configured logger. An unreadable level or format falls back to info/text here: the options validator
    /// reports it as a problem at start, so logging never hides the error it should show.
    /// </summary>
    public static Logger CreateLogger(IConfiguration configuration, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reader = new ConfigSectionReader(configuration);
        var level = ParseLevel(reader.GetString(ConnectorOptions.LogLevelKey)) ?? LogEventLevel.Information;
        var json = string.Equals(reader.GetString(ConnectorOptions.LogFormatKey), "json", StringComparison.OrdinalIgnoreCase);

        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", level < LogEventLevel.Warning ? LogEventLevel.Warning : level)
            .MinimumLevel.Override("System.Net.Http.HttpClient", level <= LogEventLevel.Debug ? LogEventLevel.Information : LogEventLevel.Warning)
            .Enrich.FromLogContext();

        if (output is not null)
        {
            ITextFormatter formatter = json
                ? new CompactJsonFormatter()
                : new MessageTemplateTextFormatter(TextTemplate, System.Globalization.CultureInfo.InvariantCulture);
            return logger.WriteTo.Sink(new TextWriterSink(formatter, output)).CreateLogger();
        }

        return (json
            ? logger.WriteTo.Console(new CompactJsonFormatter())
            : logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture)).CreateLogger();
    }

    /// <summary><c>debug|info|warn|warning|error</c> (case-insensitive) to a Serilog level; null when unknown.</summary>
    public static LogEventLevel? ParseLevel(string? level) => level?.Trim().ToUpperInvariant() switch
    {
        "DEBUG" => LogEventLevel.Debug,
        "INFO" => LogEventLevel.Information,
        "WARN" or "WARNING" => LogEventLevel.Warning,
        "ERROR" => LogEventLevel.Error,
        _ => null,
    };
}
