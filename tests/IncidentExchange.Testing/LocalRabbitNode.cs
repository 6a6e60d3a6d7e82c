namespace IncidentExchange.Testing;

/// <summary>
/// A RabbitMQ node run on this machine by <c>deploy/local/rabbit-node.sh</c> (no Docker):
/// own node name, own folder under <see cref="BaseRoot"/>, own loopback ports.
/// </summary>
internal sealed class LocalRabbitNode : IBrokerBackend
{
    /// <summary>Parent of every test node's folder; one sub-folder per node, named after it.</summary>
    internal const string BaseRoot = "/tmp/incx-test-brokers";

    private const string NodePrefix = "incxtest-";

    // The script waits up to 90 s for boot and 60 s for shutdown; allow a margin on top.
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(100);

    private static readonly Lazy<string> Script = new(FindScript);
    private static int _sequence;
    private static int _staleCleaned;

    private readonly string _node;
    private readonly string _baseDir;
    private readonly string _clusterName;
    private readonly int[] _ports; // amqp, dist, management, stream
    private bool _started;

    private LocalRabbitNode(string node, string clusterName, int[] ports)
    {
        _node = node;
        _clusterName = clusterName;
        _baseDir = Path.Combine(BaseRoot, node);
        _ports = ports;
    }

    public static async Task<RabbitBroker> StartNewAsync(string name, CancellationToken ct)
    {
        await CleanStaleNodesOnceAsync(ct).ConfigureAwait(false);

        // Ports are picked here and then bound by the node, so another process can take one
        // in between; the script then refuses to start and we try again with fresh ports.
        for (var attempt = 1; ; attempt++)
        {
            var node = $"{NodePrefix}{name}-{Environment.ProcessId}-{Interlocked.Increment(ref _sequence)}";
            var backend = new LocalRabbitNode(node, name, PortAllocator.Allocate(4));
            try
            {
                await backend.StartAsync(ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("already in use", StringComparison.Ordinal))
            {
                await backend.DisposeAsync().ConfigureAwait(false);
                continue;
            }
            catch
            {
                await backend.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            var p = backend._ports;
            return new RabbitBroker(name, p[0], p[2], p[3], $"amqp://guest:guest@127.0.0.1:{p[0]}/", backend);
        }
    }

    public async Task StartAsync(CancellationToken ct)
    {
        var p = _ports;
        // The cluster name is set on the first start only: the product renames the cluster (incx-<node>),
        // and renaming it back on a restart would make peers' federation links start over on new queues.
        string[] args = _started
            ? ["start", _node, _baseDir, $"{p[0]}", $"{p[1]}", $"{p[2]}", $"{p[3]}"]
            : ["start", _node, _baseDir, $"{p[0]}", $"{p[1]}", $"{p[2]}", $"{p[3]}", _clusterName];
        var result = await RunScriptAsync(args, StartLimit, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"RabbitMQ node {_node} failed to start (rabbit-node.sh exit code {result.ExitCode}; logs in {_baseDir}/log).\n{result.Output}");
        }

        _started = true;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        var result = await RunScriptAsync(["stop", _node, _baseDir], StopLimit, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"RabbitMQ node {_node} failed to stop (rabbit-node.sh exit code {result.ExitCode}).\n{result.Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(_baseDir))
            {
                Directory.Delete(_baseDir, recursive: true);
            }

            PortAllocator.Release(_ports);
        }
    }

    private static Task<ProcessRunner.Result> RunScriptAsync(string[] args, TimeSpan limit, CancellationToken ct) =>
        ProcessRunner.RunAsync("bash", [Script.Value, .. args], limit, ct);

    /// <summary>
    /// Stops nodes left behind by earlier test runs that were killed before disposing their
    /// brokers (each node holds ~150 MB and its ports); a folder name carries its owner's pid.
    /// </summary>
    private static async Task CleanStaleNodesOnceAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _staleCleaned, 1) == 1 || !Directory.Exists(BaseRoot))
        {
            return;
        }

        foreach (var dir in Directory.GetDirectories(BaseRoot, NodePrefix + "*"))
        {
            var node = Path.GetFileName(dir);
            var parts = node.Split('-');
            if (parts.Length < 4 || !int.TryParse(parts[^2], out var ownerPid) || ownerPid == Environment.ProcessId || ProcessIds.IsAlive(ownerPid))
            {
                continue;
            }

            await RunScriptAsync(["stop", node, dir], StopLimit, ct).ConfigureAwait(false);
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Walks up from the test binaries to the repository root to find the script;
    /// <c>INCX_REPO_ROOT</c> overrides this for binaries built outside the repository.
    /// </summary>
    private static string FindScript()
    {
        var root = Environment.GetEnvironmentVariable("INCX_REPO_ROOT");
        if (!string.IsNullOrEmpty(root))
        {
            var script = Path.Combine(root, "deploy", "local", "rabbit-node.sh");
            return File.Exists(script) ? script : throw new FileNotFoundException($"INCX_REPO_ROOT is {root}, but {script} does not exist.", script);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "deploy", "local", "rabbit-node.sh");
            if (File.Exists(script))
            {
                return script;
            }

            if (File.Exists(Path.Combine(dir.FullName, "IncidentExchange.sln")))
            {
                throw new FileNotFoundException($"Found the repository root {dir.FullName} but not deploy/local/rabbit-node.sh in it.", script);
            }
        }

        throw new FileNotFoundException(
            $"Cannot find deploy/local/rabbit-node.sh in any parent folder of {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }
}
