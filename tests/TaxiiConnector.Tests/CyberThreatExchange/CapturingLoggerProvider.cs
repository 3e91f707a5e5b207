using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Tests.CyberThreatExchange;

/// <summary>Keeps every log line (level, event name, message and structured values) for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            IReadOnlyList<KeyValuePair<string, object?>> values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? [.. pairs] : [];
            provider._entries.Enqueue(new CapturedLog(category, logLevel, eventId.Name, formatter(state, exception), values));
        }
    }
}

internal sealed record CapturedLog(string Category, LogLevel Level, string? EventName, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values)
{
    public object? Value(string name) => Values.FirstOrDefault(pair => pair.Key == name).Value;
}
