using System.Diagnostics;

namespace IncidentExchange.Testing;

/// <summary>Whether the test process that started a server is still running (servers' folders carry their owner's pid).</summary>
internal static class ProcessIds
{
    public static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
