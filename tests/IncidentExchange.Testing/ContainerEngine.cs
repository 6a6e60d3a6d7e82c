using System.Net.Sockets;

namespace IncidentExchange.Testing;

/// <summary>Whether a Docker engine answers, so the fixtures can run servers in containers instead of local processes.</summary>
internal static class ContainerEngine
{
    /// <summary>
    /// True if a Docker engine answers a ping within 2 s; the environment variable <paramref name="overrideVariable"/>
    /// set to <c>local</c> or <c>docker</c> skips the detection.
    /// </summary>
    public static async Task<bool> AnswersAsync(string overrideVariable)
    {
        switch (Environment.GetEnvironmentVariable(overrideVariable)?.ToLowerInvariant())
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
