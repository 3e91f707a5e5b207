using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;

namespace TaxiiConnector.Logging;

/// <summary>
/// Serilog at the host edge: console output, text or JSON lines (<c>connector.log_format</c>, see <see cref="JsonLineFormatter"/>), level from
/// <c>connector.log_level</c>. Components log through <c>ILogger</c> with <c>[LoggerMessage]</c> methods.
/// </summary>
public static class ConnectorLogging
{
    private const string PollyCategory = "Polly";

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
        var level = ParseLevel(reader.GetString(ConnectorOptions.Key(nameof(ConnectorOptions.LogLevel)))) ?? LogEventLevel.Information;
        var json = string.Equals(reader.GetString(ConnectorOptions.Key(nameof(ConnectorOptions.LogFormat))), "json", StringComparison.OrdinalIgnoreCase);

        var atLeastWarning = level < LogEventLevel.Warning ? LogEventLevel.Warning : level;
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", atLeastWarning)
            // One line per request is debug material; a failed request is logged by the component that made it.
            .MinimumLevel.Override("System.Net.Http.HttpClient", level <= LogEventLevel.Debug ? LogEventLevel.Information : atLeastWarning)
            // Polly logs every attempt at Information; a retried (handled) attempt at Warning and a timeout at Error stay.
            .MinimumLevel.Override(PollyCategory, atLeastWarning)
            .Filter.ByExcluding(IsPollyRetryEcho)
            .Enrich.FromLogContext();
        if (level > LogEventLevel.Debug)
        {
            // Below debug, one failure is one line: the clients log each retry themselves, and the failure is logged
            // once, explained, by whoever gave up (a Polly attempt line or the host's start failure would repeat it).
            logger = logger.Filter.ByExcluding(e => IsPolly(e) || IsHostStartFailure(e));
        }

        Action<LoggerSinkConfiguration> write;
        if (output is not null)
        {
            ITextFormatter formatter = json
                ? new JsonLineFormatter()
                : new MessageTemplateTextFormatter(TextTemplate, System.Globalization.CultureInfo.InvariantCulture);
            write = to => to.Sink(new TextWriterSink(formatter, output));
        }
        else
        {
            write = json
                ? to => to.Console(new JsonLineFormatter())
                : to => to.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        // Stack traces are debug material: at any other level an event's exception is dropped before it is written.
        if (level <= LogEventLevel.Debug)
        {
            write(logger.WriteTo);
        }
        else
        {
            logger.WriteTo.Sink(LoggerSinkConfiguration.Wrap(sink => new WithoutExceptionSink(sink), write));
        }

        return logger.CreateLogger();
    }

    private static bool IsPolly(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var category) && category is ScalarValue { Value: PollyCategory };

    private static bool IsHostStartFailure(LogEvent logEvent) =>
        logEvent.Level >= LogEventLevel.Error
        && logEvent.Properties.TryGetValue("SourceContext", out var category)
        && category is ScalarValue { Value: string name } && name.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal)
        && logEvent.MessageTemplate.Text.Contains("failed to start", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Polly reports each retry twice at Warning: the handled "Execution attempt" (its result and attempt number), then
    /// an "OnRetry" event that adds nothing to it. The echo is dropped so that one retry is one line.
    /// </summary>
    private static bool IsPollyRetryEcho(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var category) && category is ScalarValue { Value: PollyCategory }
        && logEvent.Properties.TryGetValue("EventName", out var name) && name is ScalarValue { Value: "OnRetry" };

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
