using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TaxiiConnector.IntegrationTests.Infrastructure;

/// <summary>Keeps every formatted log line (with its level and category) so a test can read what an operator would see.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class ListLogger : ILogger
    {
        private readonly string _category;
        private readonly ConcurrentQueue<string> _lines;

        public ListLogger(string category, ConcurrentQueue<string> lines)
        {
            _category = category;
            _lines = lines;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue($"{logLevel} {_category}: {formatter(state, exception)}");
    }
}
