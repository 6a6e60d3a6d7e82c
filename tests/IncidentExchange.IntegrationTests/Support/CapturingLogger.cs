using Microsoft.Extensions.Logging;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>A logger that keeps what it is given, for tests that check something was logged.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, Exception? Exception, string Message)> _entries = [];

    /// <summary>Every entry so far: level, exception and formatted message.</summary>
    public IReadOnlyList<(LogLevel Level, Exception? Exception, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_entries)
        {
            _entries.Add((logLevel, exception, formatter(state, exception)));
        }
    }
}
