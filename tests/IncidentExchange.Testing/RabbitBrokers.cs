namespace IncidentExchange.Testing;

/// <summary>
/// Starts real RabbitMQ brokers for tests: in Docker (image <c>rabbitmq:3.13-management</c>,
/// via Testcontainers) when a Docker engine answers, otherwise as local nodes run by
/// <c>deploy/local/rabbit-node.sh</c> (needs root and Debian's <c>rabbitmq-server</c>).
/// Every broker has the management, federation and stream plugins, listens on 127.0.0.1
/// only, and accepts guest/guest. Several may be started at once.
/// </summary>
/// <remarks>
/// Set <c>INCX_TEST_BROKERS</c> to <c>local</c> or <c>docker</c> to skip the detection.
/// Start brokers once per fixture, not per test: a start takes several seconds.
/// </remarks>
public static class RabbitBrokers
{
    private static readonly Lazy<Task<bool>> DockerAvailable = new(() => ContainerEngine.AnswersAsync("INCX_TEST_BROKERS"));

    /// <summary>Starts a new broker named <paramref name="name"/> (also its cluster name).</summary>
    /// <param name="name">Short logical name of ASCII letters, digits or '_', e.g. <c>fr</c>; unique among running brokers of one test run.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <returns>The running broker; dispose it to stop it and remove its data.</returns>
    public static async Task<RabbitBroker> StartAsync(string name, CancellationToken ct = default)
    {
        // The name becomes part of a node name, a network alias and the cluster name.
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_'))
        {
            throw new ArgumentException($"Broker name '{name}' must be non-empty ASCII letters, digits or '_'.", nameof(name));
        }

        return await DockerAvailable.Value.ConfigureAwait(false)
            ? await ContainerRabbitNode.StartNewAsync(name, PortAllocator.Allocate(3), ct).ConfigureAwait(false)
            : await LocalRabbitNode.StartNewAsync(name, ct).ConfigureAwait(false);
    }
}
