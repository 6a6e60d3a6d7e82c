using Microsoft.Extensions.Logging;

namespace IncidentExchange.Store.Tests.Hosting;

/// <summary>A logger provider that lets a test wait for a log line (an event), instead of polling or sleeping.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];

    /// <summary>Completes when a line containing <paramref name="text"/> is logged (from now on).</summary>
    public Task WaitForAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_awaited)
        {
            _awaited.Add((text, seen));
        }

        return seen.Task.WaitAsync(timeout);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private void Logged(string line)
    {
        lock (_awaited)
        {
            foreach (var (text, seen) in _awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)))
            {
                seen.TrySetResult();
            }
        }
    }

    private sealed class Logger(CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Logged(formatter(state, exception));
    }
}
