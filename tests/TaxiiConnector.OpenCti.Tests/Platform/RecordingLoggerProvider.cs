using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Testing;

namespace TaxiiConnector.OpenCti.Tests.Platform;

/// <summary>Keeps every log event (id and rendered message) so tests can wait for one and check what was written.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(Events);

    public int Count(int eventId) => Events.Count(e => e.Id.Id == eventId);

    /// <summary>Waits (up to two minutes of real time) until an event was logged at least <paramref name="count"/> times.</summary>
    public Task WaitForAsync(int eventId, int count) =>
        Eventually.HoldsAsync(() => Count(eventId) >= count, $"event {eventId} was logged {count} times", TimeSpan.FromMinutes(2));

    public void Dispose()
    {
    }

    private sealed class Recorder : ILogger
    {
        private readonly ConcurrentQueue<(EventId, LogLevel, string)> _events;

        public Recorder(ConcurrentQueue<(EventId, LogLevel, string)> events)
        {
            _events = events;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _events.Enqueue((eventId, logLevel, formatter(state, exception)));
    }
}
