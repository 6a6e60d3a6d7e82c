namespace IncidentExchange.Testing;

/// <summary>
/// Starts real PostgreSQL servers for tests: in Docker (image <c>postgres:15</c>, via Testcontainers) when a Docker
/// engine answers, otherwise a cluster of this machine's PostgreSQL (Debian's <c>postgresql</c> package:
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c>) in a temporary folder, as the <c>postgres</c> user when the tests
/// run as root. Either listens on 127.0.0.1 only and trusts the superuser <c>postgres</c> there.
/// </summary>
/// <remarks>
/// Set <c>INCX_TEST_POSTGRES</c> to <c>local</c> or <c>docker</c> to skip the detection. Start one server per test
/// run and give each test its own database: a start takes a few seconds, a database a fraction of one.
/// </remarks>
public static class PostgresServers
{
    private static readonly Lazy<Task<bool>> DockerAvailable = new(() => ContainerEngine.AnswersAsync("INCX_TEST_POSTGRES"));

    /// <summary>Starts a new server; dispose it to stop it and remove its data.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken ct = default) =>
        await DockerAvailable.Value.ConfigureAwait(false)
            ? await ContainerPostgres.StartNewAsync(ct).ConfigureAwait(false)
            : await LocalPostgresCluster.StartNewAsync(ct).ConfigureAwait(false);
}
