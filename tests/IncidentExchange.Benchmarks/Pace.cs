using System.Diagnostics;

namespace IncidentExchange.Benchmarks;

/// <summary>Spaces sends evenly at a fixed offered load.</summary>
internal static class Pace
{
    public static async Task UntilAsync(long start, int index, int ratePerSecond, CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromSeconds((double)index / ratePerSecond);
        var wait = due - Stopwatch.GetElapsedTime(start);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }
}
