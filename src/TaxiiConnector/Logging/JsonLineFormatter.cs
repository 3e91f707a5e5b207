using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace TaxiiConnector.Logging;

/// <summary>
/// <c>connector.log_format: json</c>: one JSON object per line with the rendered message and an explicit level on every
/// line, in field names that Loki's json parser, Elastic and Datadog pick up without a pipeline:
/// <c>{"timestamp":…,"level":"info","message":…,"logger":…,"event_id":…,"event_name":…,"exception":…}</c> followed by
/// the event's structured properties. <c>exception</c> is present only when the event carries one, which outside debug
/// level it never does (the exception is dropped before formatting).
/// </summary>
internal sealed class JsonLineFormatter : ITextFormatter
{
    private const string SourceContext = "SourceContext";
    private const string EventIdProperty = "EventId";

    // The fields the formatter writes itself; a structured property of the same name is left out (the message holds it).
    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        "timestamp", "level", "message", "logger", "event_id", "event_name", "exception",
    };

    private static readonly MessageTemplateTextFormatter MessageRenderer = new("{Message:lj}", CultureInfo.InvariantCulture);

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Messages hold URLs and quotes: keep them readable instead of \u-escaping every '+', '<' or '\''.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", logEvent.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteString("level", LevelName(logEvent.Level));
            writer.WriteString("message", RenderMessage(logEvent));
            if (logEvent.Properties.TryGetValue(SourceContext, out var logger) && logger is ScalarValue { Value: string loggerName })
            {
                writer.WriteString("logger", loggerName);
            }

            WriteEventId(writer, logEvent);
            if (logEvent.Exception is not null)
            {
                writer.WriteString("exception", logEvent.Exception.ToString());
            }

            foreach (var (name, value) in logEvent.Properties)
            {
                if (name is SourceContext or EventIdProperty || ReservedNames.Contains(name))
                {
                    continue;
                }

                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Write('\n');
    }

    /// <summary>The message as the text format shows it: string values unquoted (<c>:lj</c>), not Serilog's default quoting.</summary>
    private static string RenderMessage(LogEvent logEvent)
    {
        using var message = new StringWriter(CultureInfo.InvariantCulture);
        MessageRenderer.Format(logEvent, message);
        return message.ToString();
    }

    /// <summary>Lower-case names every one of the three reads as a severity (Datadog maps on the first letters).</summary>
    internal static string LevelName(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "trace",
        LogEventLevel.Debug => "debug",
        LogEventLevel.Information => "info",
        LogEventLevel.Warning => "warning",
        LogEventLevel.Error => "error",
        _ => "fatal",
    };

    private static void WriteEventId(Utf8JsonWriter writer, LogEvent logEvent)
    {
        if (!logEvent.Properties.TryGetValue(EventIdProperty, out var eventId) || eventId is not StructureValue structure)
        {
            return;
        }

        foreach (var property in structure.Properties)
        {
            if (property is { Name: "Id", Value: ScalarValue { Value: int id } })
            {
                writer.WriteNumber("event_id", id);
            }
            else if (property is { Name: "Name", Value: ScalarValue { Value: string name } })
            {
                writer.WriteString("event_name", name);
            }
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue scalar:
                WriteScalar(writer, scalar.Value);
                break;
            case SequenceValue sequence:
                writer.WriteStartArray();
                foreach (var element in sequence.Elements)
                {
                    WriteValue(writer, element);
                }

                writer.WriteEndArray();
                break;
            case StructureValue structure:
                writer.WriteStartObject();
                foreach (var property in structure.Properties)
                {
                    writer.WritePropertyName(property.Name);
                    WriteValue(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case DictionaryValue dictionary:
                writer.WriteStartObject();
                foreach (var (key, element) in dictionary.Elements)
                {
                    writer.WritePropertyName(Convert.ToString(key.Value, CultureInfo.InvariantCulture) ?? "null");
                    WriteValue(writer, element);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(value.ToString(null, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool boolean:
                writer.WriteBooleanValue(boolean);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong unsigned:
                writer.WriteNumberValue(unsigned);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case DateTimeOffset instant:
                writer.WriteStringValue(instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTime instant:
                writer.WriteStringValue(instant.ToString("O", CultureInfo.InvariantCulture));
                break;
            case TimeSpan span:
                writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
