using IncidentExchange.Testing;

namespace IncidentExchange.Store.Tests;

/// <summary>
/// One real PostgreSQL server for the whole test run, started when the first test needs it (a run filtered to SQLite
/// starts none) and stopped after the last. In the root namespace, so NUnit runs its teardown after every test of
/// the assembly. (Its name must not contain a provider's name: a filter on one would match this suite and so every test.)
/// </summary>
[SetUpFixture]
public sealed class TestServers
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(() => PostgresServers.StartAsync());

    /// <summary>The shared server, started on first use.</summary>
    public static Task<PostgresServer> ServerAsync() => Server.Value;

    [OneTimeTearDown]
    public async Task StopServer()
    {
        if (Server.IsValueCreated && Server.Value.IsCompletedSuccessfully)
        {
            await Server.Value.Result.DisposeAsync();
        }
    }
}
