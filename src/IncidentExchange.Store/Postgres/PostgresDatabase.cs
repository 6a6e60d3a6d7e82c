using System.Data;
using System.Data.Common;
using System.Globalization;
using IncidentExchange.Store.Sql;
using Npgsql;

namespace IncidentExchange.Store.Postgres;

/// <summary>
/// The shared store of a node with more than one gateway: PostgreSQL through Npgsql's pooled data source, read
/// committed, a row lock where a read decides a write (the ledger's counter). A commit that must survive a power cut
/// waits for its WAL flush (<c>synchronous_commit=on</c>, and for a synchronous standby where one is configured); the
/// others do not (<c>off</c>: a crash of the database server may lose the last fraction of a second of them, never
/// consistency). See <see cref="Durability"/>.
/// </summary>
internal sealed class PostgresDatabase(string connectionString) : StoreDatabase
{
    // Any constant: gateways of one node agree on it, so two starting at once migrate one after the other.
    private const long MigrationLock = 0x696E_6378_0001;

    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public override string Provider => StoreProviders.Postgres;

    public override string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL database {builder.Database} at {builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}";
        }
    }

    public override string ForUpdate => " FOR UPDATE";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _source.OpenConnectionAsync(cancellationToken);

    public override async Task LockMigrationsAsync(DbTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.ScalarAsync("SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", MigrationLock));

    public override async Task<long> SizeAsync(DbConnection connection, CancellationToken cancellationToken) =>
        (long)(await connection.ScalarAsync(null, "SELECT pg_database_size(current_database())", cancellationToken))!;

    public override ValueTask DisposeAsync() => _source.DisposeAsync();

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, Durability durability, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            await transaction.ExecuteAsync(durability == Durability.PowerCut ? "SET LOCAL synchronous_commit TO on" : "SET LOCAL synchronous_commit TO off", cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
