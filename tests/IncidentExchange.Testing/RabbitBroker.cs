namespace IncidentExchange.Testing;

/// <summary>
/// One real RabbitMQ broker started for tests by <see cref="RabbitBrokers.StartAsync"/>:
/// either a local node run by <c>deploy/local/rabbit-node.sh</c> or a Docker container.
/// It can be stopped and started again with its data kept (a country going offline and back);
/// disposing it stops it for good and removes its data.
/// </summary>
public sealed class RabbitBroker : IAsyncDisposable
{
    private readonly IBrokerBackend _backend;
    private bool _disposed;

    internal RabbitBroker(string name, int amqpPort, int managementPort, int streamPort, string peerAmqpUri, IBrokerBackend backend)
    {
        Name = name;
        AmqpPort = amqpPort;
        StreamPort = streamPort;
        AmqpUri = $"amqp://{ManagementUser}:{ManagementPassword}@127.0.0.1:{amqpPort}/";
        ManagementUri = new Uri($"http://127.0.0.1:{managementPort}/");
        PeerAmqpUri = peerAmqpUri;
        _backend = backend;
    }

    /// <summary>The logical name given to <see cref="RabbitBrokers.StartAsync"/>; also the broker's cluster name.</summary>
    public string Name { get; }

    /// <summary>AMQP 0-9-1 URI for clients on this machine, e.g. <c>amqp://guest:guest@127.0.0.1:5801/</c>.</summary>
    public string AmqpUri { get; }

    /// <summary>
    /// AMQP URI by which <em>other brokers</em> started here reach this one (federation upstreams).
    /// Equal to <see cref="AmqpUri"/> for local nodes; uses the Docker network alias for containers.
    /// </summary>
    public string PeerAmqpUri { get; }

    /// <summary>AMQP port on 127.0.0.1; unchanged across <see cref="StopAsync"/>/<see cref="StartAsync"/>.</summary>
    public int AmqpPort { get; }

    /// <summary>RabbitMQ stream protocol port on 127.0.0.1.</summary>
    public int StreamPort { get; }

    /// <summary>Base URI of the management HTTP API, e.g. <c>http://127.0.0.1:15801/</c>.</summary>
    public Uri ManagementUri { get; }

    /// <summary>User for the management API (and AMQP): an administrator.</summary>
    public string ManagementUser { get; } = "guest";

    /// <summary>Password of <see cref="ManagementUser"/>.</summary>
    public string ManagementPassword { get; } = "guest";

    /// <summary>Stops the broker, keeping its data so <see cref="StartAsync"/> can bring it back.</summary>
    public Task StopAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _backend.StopAsync(ct);
    }

    /// <summary>Starts the broker again (same ports, same data); a no-op if it is running.</summary>
    public Task StartAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _backend.StartAsync(ct);
    }

    /// <summary>Stops the broker and deletes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _backend.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({AmqpUri})";
}

/// <summary>How a <see cref="RabbitBroker"/> is actually run (local node or container).</summary>
internal interface IBrokerBackend : IAsyncDisposable
{
    Task StartAsync(CancellationToken ct);

    Task StopAsync(CancellationToken ct);
}
