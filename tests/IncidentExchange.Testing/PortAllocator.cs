using System.Net;
using System.Net.Sockets;

namespace IncidentExchange.Testing;

/// <summary>
/// Picks free loopback ports for brokers. They come from below the kernel's ephemeral range
/// (32768+), so client connections cannot occupy a stopped broker's port before it is
/// started again, and they are never handed out twice in one process while in use.
/// </summary>
public static class PortAllocator
{
    private static readonly HashSet<int> HandedOut = [];

    public static int[] Allocate(int count)
    {
        var ports = new List<int>(count);
        lock (HandedOut)
        {
            for (var tries = 0; ports.Count < count; tries++)
            {
                if (tries > 1000)
                {
                    throw new InvalidOperationException("No free loopback ports found between 20000 and 32000.");
                }

                var port = Random.Shared.Next(20000, 32000);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    ports.Add(port);
                }
            }
        }

        return [.. ports];
    }

    public static void Release(IEnumerable<int> ports)
    {
        lock (HandedOut)
        {
            HandedOut.ExceptWith(ports);
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
