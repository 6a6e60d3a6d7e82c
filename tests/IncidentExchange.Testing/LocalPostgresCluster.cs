using System.Globalization;
using Npgsql;

namespace IncidentExchange.Testing;

/// <summary>
/// A PostgreSQL cluster of this machine's own binaries (no Docker), in its own folder under <see cref="BaseRoot"/>,
/// on a free loopback port, its socket in that folder (not the system's). initdb and the server refuse to run as
/// root, so under root they run as the <c>postgres</c> user, who owns the folder. Trust authentication, loopback only.
/// </summary>
internal sealed class LocalPostgresCluster : IAsyncDisposable
{
    /// <summary>Parent of every test cluster's folder; one sub-folder per cluster, named with its owner's pid.</summary>
    internal const string BaseRoot = "/tmp/incx-test-postgres";

    private const string Prefix = "incxtest-pg-";
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private static readonly Lazy<string> Binaries = new(FindBinaries);
    private static int _sequence;
    private static int _staleCleaned;

    private readonly string _folder;
    private readonly int _port;

    private LocalPostgresCluster(string folder, int port)
    {
        _folder = folder;
        _port = port;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    public static async Task<PostgresServer> StartNewAsync(CancellationToken ct)
    {
        await CleanStaleClustersOnceAsync(ct).ConfigureAwait(false);
        // The port is picked here and bound by the server, so another process can take it in between: try again then.
        for (var attempt = 1; ; attempt++)
        {
            var name = $"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref _sequence)}";
            var cluster = new LocalPostgresCluster(Path.Combine(BaseRoot, name), PortAllocator.Allocate(1)[0]);
            try
            {
                await cluster.InitAsync(ct).ConfigureAwait(false);
                await cluster.StartAsync(ct).ConfigureAwait(false);
                var connectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = cluster._port,
                    Username = ServiceUser,
                    Database = "postgres",
                    IncludeErrorDetail = true,
                }.ToString();
                return new PostgresServer(connectionString, cluster);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("already in use", StringComparison.Ordinal))
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Directory.Exists(DataFolder))
            {
                await StopAsync(DataFolder, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }

            PortAllocator.Release([_port]);
        }
    }

    private async Task InitAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(BaseRoot);
        Directory.CreateDirectory(_folder);
        if (RunsAsRoot)
        {
            await RunAsync("chown", [ServiceUser, _folder], asServiceUser: false, ct).ConfigureAwait(false);
        }

        // --no-sync: a test cluster need not survive a power cut, and initdb's syncs cost seconds on a busy disk.
        await RunAsync(Path.Combine(Binaries.Value, "initdb"),
            ["-D", DataFolder, "-U", ServiceUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], asServiceUser: true, ct).ConfigureAwait(false);
        // Only the folder's socket and loopback TCP: no other address can reach it.
        await File.WriteAllTextAsync(Path.Combine(DataFolder, "pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n", ct).ConfigureAwait(false);
    }

    private Task StartAsync(CancellationToken ct)
    {
        // fsync off: durability across a power cut is not what the tests check, and the machine is shared.
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c shared_buffers=32MB -c max_connections=200");
        return RunAsync(Path.Combine(Binaries.Value, "pg_ctl"),
            ["-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o", options, "start"], asServiceUser: true, ct,
            failure: () => File.Exists(Path.Combine(_folder, "server.log")) ? File.ReadAllText(Path.Combine(_folder, "server.log")) : "");
    }

    // Immediate: the data is thrown away anyway, and a clean shutdown's checkpoint only costs time.
    private static Task StopAsync(string dataFolder, CancellationToken ct) =>
        RunAsync(Path.Combine(Binaries.Value, "pg_ctl"), ["-D", dataFolder, "-m", "immediate", "-w", "-t", "60", "stop"], asServiceUser: true, ct, tolerateFailure: true);

    /// <summary>Stops clusters left behind by earlier test runs that were killed before disposing their servers.</summary>
    private static async Task CleanStaleClustersOnceAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _staleCleaned, 1) == 1 || !Directory.Exists(BaseRoot))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(BaseRoot, Prefix + "*"))
        {
            var parts = Path.GetFileName(folder)[Prefix.Length..].Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var owner) || owner == Environment.ProcessId || ProcessIds.IsAlive(owner))
            {
                continue;
            }

            if (Directory.Exists(Path.Combine(folder, "data")))
            {
                await StopAsync(Path.Combine(folder, "data"), ct).ConfigureAwait(false);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string program, string[] args, bool asServiceUser, CancellationToken ct, Func<string>? failure = null, bool tolerateFailure = false)
    {
        var (file, arguments) = asServiceUser && RunsAsRoot ? (File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "runuser", (string[])["-u", ServiceUser, "--", program, .. args]) : (program, args);
        var result = await ProcessRunner.RunAsync(file, arguments, Limit, ct).ConfigureAwait(false);
        if (result.ExitCode != 0 && !tolerateFailure)
        {
            var detail = failure?.Invoke() ?? "";
            var inUse = detail.Contains("Address already in use", StringComparison.Ordinal) ? " (port already in use)" : "";
            throw new InvalidOperationException($"'{program} {string.Join(' ', args)}' failed with exit code {result.ExitCode}{inUse}.\n{result.Output}\n{detail}");
        }
    }

    /// <summary>The newest installed PostgreSQL's binaries; <c>INCX_PG_BIN</c> overrides.</summary>
    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("INCX_PG_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : throw new FileNotFoundException($"INCX_PG_BIN is {configured}, but it holds no initdb.");
        }

        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Folder: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Folder, "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Folder)
                .FirstOrDefault()
            : null;
        return found ?? throw new FileNotFoundException(
            $"No PostgreSQL server binaries under {root}/<version>/bin; install Debian's postgresql package (tests/run.sh does), set INCX_PG_BIN, or run Docker.");
    }
}
