using Serilog.Core;
using Serilog.Events;

namespace TaxiiConnector.Logging;

/// <summary>
/// Passes events on without their exception, so no stack trace is written: the message of every failure line already
/// says what failed and what to change, and the trace is shown at debug level only.
/// </summary>
internal sealed class WithoutExceptionSink : ILogEventSink, IDisposable
{
    private readonly ILogEventSink _inner;

    public WithoutExceptionSink(ILogEventSink inner) => _inner = inner;

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        _inner.Emit(logEvent.Exception is null
            ? logEvent
            : new LogEvent(logEvent.Timestamp, logEvent.Level, exception: null, logEvent.MessageTemplate,
                logEvent.Properties.Select(p => new LogEventProperty(p.Key, p.Value))));
    }

    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
