using System.Data.Common;

namespace IncidentExchange.Store.Sql;

/// <summary>
/// One database behind the store, and what differs between the two dialects: how a write transaction is begun (and
/// made durable), how a row is locked, how big the database is. The area stores are written once, against this.
/// </summary>
internal abstract class StoreDatabase : IAsyncDisposable
{
    /// <summary>Provider name, as in <c>Incx:Store:Provider</c>; also the folder of its migrations.</summary>
    public abstract string Provider { get; }

    /// <summary>Where the database is, for messages (never a password).</summary>
    public abstract string Description { get; }

    /// <summary>Appended to a SELECT that must lock the rows it reads until the transaction ends (empty where the whole database is locked).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>An open connection, from the provider's pool.</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one write transaction and commits it; a failure rolls everything back.</summary>
    public async Task<T> WriteAsync<T>(Durability durability, Func<DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var turn = await EnterWriterAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, durability, cancellationToken);
        var result = await work(transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> on a connection of its own, outside any write transaction.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenAsync(cancellationToken);
        return await work(connection);
    }

    /// <summary>Whatever must hold before the first migration, outside any transaction (SQLite: the WAL journal).</summary>
    public virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serialises schema migrations of gateways starting at the same moment, inside the migration's transaction.</summary>
    public abstract Task LockMigrationsAsync(DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Bytes the database takes.</summary>
    public abstract Task<long> SizeAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>Waits for this process's turn to write, where the database allows one writer at a time (SQLite).</summary>
    protected virtual ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>Begins a write transaction that commits with <paramref name="durability"/>.</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, Durability durability, CancellationToken cancellationToken);
}
