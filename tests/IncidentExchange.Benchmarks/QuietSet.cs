namespace IncidentExchange.Benchmarks;

/// <summary>
/// Waits for the set to become quiet between stages, so that no stage pays for the receipts and history copies the
/// one before left in the background: two seconds in a row in which all its processes together used less than a
/// tenth of a core (one second alone is too short for the 10 ms ticks of /proc to tell).
/// </summary>
internal static class QuietSet
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Returns whether the set became quiet within <paramref name="limit"/>, and what <paramref name="meter"/> read when
    /// the quiet began (or at the limit): a stage's follow-up work counted without the idle seconds after it.
    /// </summary>
    public static async Task<(bool Quiet, CpuUse? Reading)> WaitAsync(
        IReadOnlyList<(string Name, int Pid)> processes, TimeSpan limit, CpuMeter? meter, long messages, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        var quietWindows = 0;
        CpuUse? atQuiet = null;
        while (DateTime.UtcNow < deadline)
        {
            var reading = meter?.Read(messages);
            var window = CpuMeter.Start(processes);
            await Task.Delay(Window, cancellationToken);
            if (window.Read(1).CoresBusy >= 0.1)
            {
                quietWindows = 0;
                continue;
            }

            atQuiet = quietWindows++ == 0 ? reading : atQuiet;
            if (quietWindows == 2)
            {
                return (true, atQuiet);
            }
        }

        return (false, meter?.Read(messages));
    }
}
