using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Taxii.Tests.Infrastructure;

/// <summary>Collects every formatted log line (with its exception text) so tests can assert on them.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Lines => _lines.ToArray();

    public string AllText => string.Join('\n', _lines.Select(l => l.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (exception is not null)
            {
                text += " | " + exception;
            }

            owner._lines.Enqueue((logLevel, text));
        }
    }
}
