using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SupportAgent.Tests.Limits;

/// <summary>Keeps every log entry of a test app so a test can count warnings.</summary>
internal sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public int Count(string categorySuffix, LogLevel level) =>
        Entries.Count(e => e.Category.EndsWith(categorySuffix, StringComparison.Ordinal) && e.Level == level);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                sink.Entries.Enqueue((category, logLevel, formatter(state, exception)));
            }
        }
    }
}
