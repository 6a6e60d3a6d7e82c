using Npgsql;

namespace IncidentExchange.Store.Tests.Support;

/// <summary>
/// A fresh schema per test in one database of the test run's PostgreSQL server (<see cref="TestServers"/>): the
/// store's connection string puts it first on the search path, so every table the migrations create, and every
/// query, lands there. A schema takes milliseconds to create, a database about a second on a busy machine.
/// </summary>
public sealed class PostgresProvider : IStoreProvider
{
    private static readonly Lazy<Task<string>> Database = new(async () => await (await TestServers.ServerAsync()).CreateDatabaseAsync("incx_store_tests"));
    private static int _schemas;

    public async Task<StoreOptions> NewDatabaseAsync()
    {
        var database = await Database.Value;
        var schema = $"test_{Interlocked.Increment(ref _schemas)}";
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new StoreOptions { Provider = StoreProviders.Postgres, ConnectionString = new NpgsqlConnectionStringBuilder(database) { SearchPath = schema }.ToString() };
    }

    // The schemas go with the server at the end of the run.
    public void Clean()
    {
    }
}
