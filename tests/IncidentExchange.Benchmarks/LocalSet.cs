using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;

namespace IncidentExchange.Benchmarks;

/// <summary>
/// Two federated nodes started with deploy/local/up.sh in their own folder and port range, so the
/// benchmark measures the product as deployed, and stopped with down.sh afterwards.
/// </summary>
internal sealed class LocalSet : IAsyncDisposable
{
    public const int PortOffset = 700;
    private readonly string _root;
    private readonly string _runDir;

    private LocalSet(string root, string runDir)
    {
        _root = root;
        _runDir = runDir;
    }

    public static readonly string[] Nodes = ["bna", "bnb"];

    /// <summary>AMQP URI of node i (1-based).</summary>
    public static string Amqp(int i) => $"amqp://guest:guest@127.0.0.1:{5700 + i + PortOffset}/";

    /// <summary>Gateway address of node i (1-based).</summary>
    public static string Gateway(int i) => $"http://127.0.0.1:{7100 + i + PortOffset}";

    /// <summary>A channel to the gateway of node i (1-based) that sends the local-admin token up.sh made for it.</summary>
    public GrpcChannel OpenGateway(int i, GrpcChannelOptions? options = null)
    {
        var token = File.ReadAllText(Path.Combine(_runDir, Nodes[i - 1], "admin.token")).Trim();
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return Task.CompletedTask;
        });
        options ??= new GrpcChannelOptions();
        options.Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials);
        options.UnsafeUseInsecureChannelCallCredentials = true;
        return GrpcChannel.ForAddress(Gateway(i), options);
    }

    public static async Task<LocalSet> StartAsync(string root)
    {
        var runDir = Directory.CreateTempSubdirectory("incx-bench-").FullName;
        File.SetUnixFileMode(runDir, (UnixFileMode)0b111_101_101); // the rabbitmq user must reach its folders
        var set = new LocalSet(root, runDir);
        try
        {
            await set.RunAsync("deploy/local/up.sh", TimeSpan.FromMinutes(5), Nodes);
        }
        catch (Exception startFailure)
        {
            // Whatever up.sh started (a broker, a gateway that did not serve) would hold the ports of the next run.
            try
            {
                await set.DisposeAsync();
            }
            catch (Exception cleanupFailure)
            {
                throw new AggregateException(startFailure, cleanupFailure);
            }

            throw;
        }

        return set;
    }

    /// <summary>The private key file up.sh made for <paramref name="node"/>.</summary>
    public string KeyFile(string node) => Path.Combine(_runDir, node, "keys", node + ".key.json");

    /// <summary>The processes that carry a message: gateways, brokers (RabbitMQ's pid file) and this client.</summary>
    public IReadOnlyList<(string Name, int Pid)> Processes() =>
    [
        ("gateway A", Pid(Path.Combine(_runDir, Nodes[0], "gateway.pid"))),
        ("gateway B", Pid(Path.Combine(_runDir, Nodes[1], "gateway.pid"))),
        ("broker A", Pid(Path.Combine(_runDir, Nodes[0], "rabbit", "rabbit.pid"))),
        ("broker B", Pid(Path.Combine(_runDir, Nodes[1], "rabbit", "rabbit.pid"))),
        ("benchmark client", Environment.ProcessId),
    ];

    /// <summary>Resident memory of a node's gateway process, in MiB.</summary>
    public double GatewayRssMiB(string node)
    {
        var pid = Pid(Path.Combine(_runDir, node, "gateway.pid"));
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    private static int Pid(string pidFile) => int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await RunAsync("deploy/local/down.sh", TimeSpan.FromMinutes(2), ["--purge"]);
    }

    private async Task RunAsync(string script, TimeSpan limit, string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(_root, script)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["INCX_RUN_DIR"] = _runDir;
        start.Environment["INCX_PORT_OFFSET"] = PortOffset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["INCX_COMMUNITIES"] = "";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {script}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Left running, up.sh could still start a gateway after down.sh has cleaned up.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {limit}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed: {await error}{await output}");
        }
    }
}
