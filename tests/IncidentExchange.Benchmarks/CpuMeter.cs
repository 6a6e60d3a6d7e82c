using System.Diagnostics;
using System.Globalization;

namespace IncidentExchange.Benchmarks;

/// <summary>
/// Where the CPU goes: processor time of each process of the set (both gateways, both brokers, this client),
/// read from /proc before and after a stage, per message carried. On two shared cores the sum bounds the
/// throughput (cores ÷ CPU per message), so this is the profile the targets are explained with.
/// </summary>
internal sealed class CpuMeter
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux the product runs on.
    private const double TicksPerSecond = 100;
    private readonly IReadOnlyList<(string Name, int Pid)> _processes;
    private readonly double[] _start;
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    private CpuMeter(IReadOnlyList<(string Name, int Pid)> processes)
    {
        _processes = processes;
        _start = processes.Select(p => Seconds(p.Pid)).ToArray();
    }

    public static CpuMeter Start(IReadOnlyList<(string Name, int Pid)> processes) => new(processes);

    /// <summary>
    /// Waits until the set is quiet (all its processes together below a tenth of a core over half a second),
    /// at most <paramref name="limit"/>: a stage must not pay for the receipts and history copies the previous
    /// one left in the background. Returns how long it took, or null if the set never became quiet.
    /// </summary>
    public static async Task<TimeSpan?> WaitForQuietAsync(IReadOnlyList<(string Name, int Pid)> processes, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            var window = Start(processes);
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            if (window.Stop(1).CoresBusy < 0.1)
            {
                return Stopwatch.GetElapsedTime(started);
            }
        }

        return null;
    }

    /// <summary>CPU milliseconds per message for each process, and the wall-clock share of the cores used.</summary>
    public CpuUse Stop(int messages)
    {
        var wall = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var perMessage = _processes
            .Select((p, i) => (p.Name, Ms: (Seconds(p.Pid) - _start[i]) * 1000 / messages))
            .ToList();
        return new CpuUse(perMessage, perMessage.Sum(p => p.Ms) * messages / 1000 / wall);
    }

    private static double Seconds(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        }

        // Fields after the command name (which may hold spaces, so split after its closing parenthesis):
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}

/// <summary>CPU milliseconds per message by process, and how many cores the stage kept busy on average.</summary>
internal sealed record CpuUse(IReadOnlyList<(string Name, double Ms)> PerMessage, double CoresBusy)
{
    public double TotalMs => PerMessage.Sum(p => p.Ms);
}
