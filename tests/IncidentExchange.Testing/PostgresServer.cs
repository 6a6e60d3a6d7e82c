using Npgsql;

namespace IncidentExchange.Testing;

/// <summary>
/// One real PostgreSQL server started for tests by <see cref="PostgresServers.StartAsync"/>: a cluster of this
/// machine's PostgreSQL run from a temporary folder, or a container. Tests isolate themselves by database: each
/// creates its own with <see cref="CreateDatabaseAsync"/>. Disposing the server stops it and removes its data.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly IAsyncDisposable _backend;
    private bool _disposed;

    internal PostgresServer(string connectionString, IAsyncDisposable backend)
    {
        ConnectionString = connectionString;
        _backend = backend;
    }

    /// <summary>Connection string of the superuser to the <c>postgres</c> database, on 127.0.0.1.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    /// <param name="name">Lowercase ASCII letters, digits and '_', unique in the test run.</param>
    /// <param name="ct">Cancels the creation.</param>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        // The name goes into SQL as an identifier (no parameters there): only a plain one is accepted.
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_'))
        {
            throw new ArgumentException($"Database name '{name}' must be non-empty lowercase ASCII letters, digits or '_'.", nameof(name));
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ToString();
    }

    /// <summary>Stops the server and deletes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NpgsqlConnection.ClearAllPools();
        await _backend.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override string ToString() => new NpgsqlConnectionStringBuilder(ConnectionString) is var b ? $"PostgreSQL at {b.Host}:{b.Port}" : "";
}
