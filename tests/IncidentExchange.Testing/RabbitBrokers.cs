using System.Net.Sockets;

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
    private static readonly Lazy<Task<bool>> DockerAvailable = new(DockerAnswersAsync);

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

    /// <summary>True if a Docker engine answers a ping within 2 s (or <c>INCX_TEST_BROKERS</c> says so).</summary>
    private static async Task<bool> DockerAnswersAsync()
    {
        switch (Environment.GetEnvironmentVariable("INCX_TEST_BROKERS")?.ToLowerInvariant())
        {
            case "local": return false;
            case "docker": return true;
        }

        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var runtimeDir = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        string?[] sockets = [
            dockerHost?.StartsWith("unix://", StringComparison.Ordinal) == true ? dockerHost["unix://".Length..] : null,
            "/var/run/docker.sock",
            runtimeDir is null ? null : Path.Combine(runtimeDir, "docker.sock")];
        foreach (var socket in sockets.OfType<string>().Where(File.Exists))
        {
            if (await PingAsync(new UnixDomainSocketEndPoint(socket), new Uri("http://docker/_ping")).ConfigureAwait(false))
            {
                return true;
            }
        }

        if (dockerHost?.StartsWith("tcp://", StringComparison.Ordinal) == true)
        {
            return await PingAsync(null, new Uri($"http://{dockerHost["tcp://".Length..].TrimEnd('/')}/_ping")).ConfigureAwait(false);
        }

        return false;
    }

    private static async Task<bool> PingAsync(UnixDomainSocketEndPoint? unixSocket, Uri ping)
    {
        using var handler = new SocketsHttpHandler();
        if (unixSocket is not null)
        {
            handler.ConnectCallback = async (_, token) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await s.ConnectAsync(unixSocket, token).ConfigureAwait(false);
                    return new NetworkStream(s, ownsSocket: true);
                }
                catch
                {
                    s.Dispose();
                    throw;
                }
            };
        }

        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(ping).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException)
        {
            return false;
        }
    }
}
