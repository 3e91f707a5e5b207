using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace TaxiiConnector.Logging;

/// <summary>Writes formatted events to a <see cref="TextWriter"/> (a test's capture of a whole run's log output).</summary>
internal sealed class TextWriterSink : ILogEventSink
{
    private readonly ITextFormatter _formatter;
    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    public TextWriterSink(ITextFormatter formatter, TextWriter output)
    {
        _formatter = formatter;
        _output = output;
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            _formatter.Format(logEvent, _output);
            _output.Flush();
        }
    }
}
