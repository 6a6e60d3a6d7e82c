using System.Diagnostics;
using System.Globalization;

namespace IncidentExchange.Benchmarks;

/// <summary>
/// Where the CPU goes: processor time of each process of the set (both gateways, both brokers, this client), read
/// from /proc since the meter started, per message carried. On two shared cores the sum bounds the throughput
/// (cores ÷ CPU per message), so this is the profile the targets are explained with.
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

    /// <summary>CPU milliseconds per message for each process since the start, and the share of the cores used meanwhile.</summary>
    public CpuUse Read(long messages)
    {
        var wall = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var used = _processes.Select((p, i) => (p.Name, Seconds: Seconds(p.Pid) - _start[i])).ToList();
        return new CpuUse(used.Select(u => (u.Name, u.Seconds * 1000 / messages)).ToList(), used.Sum(u => u.Seconds) / wall);
    }

    private static double Seconds(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return Environment.CpuUsage.TotalTime.TotalSeconds;
        }

        // The fields after the command name (which may hold spaces, so split after its closing parenthesis) start
        // with field 3 (state); utime and stime are fields 14 and 15, so indexes 11 and 12 here.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}

/// <summary>CPU milliseconds per message by process, and how many cores were busy on average over the reading's window.</summary>
internal sealed record CpuUse(IReadOnlyList<(string Name, double Ms)> PerMessage, double CoresBusy)
{
    public double TotalMs => PerMessage.Sum(p => p.Ms);
}
