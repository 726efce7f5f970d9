using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RecomAmp.Core.Tests.Amc;

/// <summary>A logger provider that keeps every formatted message, to check what the product logs.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    internal sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Message);

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(
                new CapturedLog(category, logLevel, eventId.Id, formatter(state, exception)));
    }
}
