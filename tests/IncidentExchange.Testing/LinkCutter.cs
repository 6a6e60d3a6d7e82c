using System.Net;
using System.Net.Sockets;

namespace IncidentExchange.Testing;

/// <summary>
/// A TCP forwarder on loopback standing in for the network between two brokers: point a federation link at
/// <see cref="Port"/> and it reaches <c>target</c>, until <see cref="Cut"/> drops every connection and refuses
/// new ones (as a failed line would), and <see cref="Restore"/> lets connections through again.
/// </summary>
public sealed class LinkCutter : IAsyncDisposable
{
    private readonly int _target;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    private LinkCutter(int target)
    {
        _target = target;
        Port = PortAllocator.Allocate(1)[0];
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port to connect to instead of the target.</summary>
    public int Port { get; }

    /// <summary>Connections refused or dropped while cut (for the test's report).</summary>
    public int Dropped { get; private set; }

    /// <summary>Forwards 127.0.0.1:<see cref="Port"/> to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public static LinkCutter Start(int targetPort) => new(targetPort);

    /// <summary>Drops every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                Dropped++;
            }

            _open.Clear();
        }
    }

    /// <summary>Lets connections through again.</summary>
    public void Restore() => _cut = false;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                incoming.Client.LingerState = new LingerOption(true, 0);
                incoming.Dispose();
                Dropped++;
                continue;
            }

            _ = ForwardAsync(incoming);
        }
    }

    private async Task ForwardAsync(TcpClient incoming)
    {
        using var outgoing = new TcpClient();
        try
        {
            await outgoing.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            lock (_open)
            {
                _open.Add(incoming);
                _open.Add(outgoing);
            }

            using var pair = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = incoming.GetStream().CopyToAsync(outgoing.GetStream(), pair.Token);
            var down = outgoing.GetStream().CopyToAsync(incoming.GetStream(), pair.Token);
            await Task.WhenAny(up, down);
            await pair.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut or a peer closing: the connection ends, as on a real line.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(incoming);
                _open.Remove(outgoing);
            }

            incoming.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        PortAllocator.Release([Port]);
        _stop.Dispose();
    }
}
