using IncidentExchange.Store.Checks;
using IncidentExchange.Store.Contacts;
using IncidentExchange.Store.Dedup;
using IncidentExchange.Store.Deliveries;
using IncidentExchange.Store.History;
using IncidentExchange.Store.Ledger;
using IncidentExchange.Store.Maintenance;
using IncidentExchange.Store.Migrations;
using IncidentExchange.Store.Postgres;
using IncidentExchange.Store.Sql;
using IncidentExchange.Store.Sqlite;
using IncidentExchange.Store.Subscriptions;

namespace IncidentExchange.Store;

/// <summary>
/// The node's store on the configured provider. Opening it costs nothing but a connection pool: no table is read
/// into memory. <see cref="MigrateAsync"/> brings the schema up to date and must run before the first operation
/// (<c>AddIncxStore</c> does it when the host starts).
/// </summary>
public sealed class NodeStore : INodeStore, IAsyncDisposable
{
    private readonly StoreDatabase _database;
    private readonly TimeProvider _time;

    private NodeStore(StoreDatabase database, RetentionOptions retention, TimeProvider time)
    {
        _database = database;
        _time = time;
        Ledger = new SqlLedgerStore(database);
        Deliveries = new SqlDeliveryStore(database);
        Checks = new SqlCheckStore(database);
        Records = new SqlRecordStore(database, time);
        Keys = new SqlKeyStore(database);
        Dedup = new SqlDedupStore(database);
        HistoryOutbox = new SqlHistoryOutboxStore(database, time);
        Subscriptions = new SqlSubscriptionStore(database, time);
        Maintenance = new SqlStoreMaintenance(database, retention, time);
    }

    /// <inheritdoc />
    public ILedgerStore Ledger { get; }

    /// <inheritdoc />
    public IDeliveryStore Deliveries { get; }

    /// <inheritdoc />
    public ICheckStore Checks { get; }

    /// <inheritdoc />
    public IRecordStore Records { get; }

    /// <inheritdoc />
    public IKeyStore Keys { get; }

    /// <inheritdoc />
    public IDedupStore Dedup { get; }

    /// <inheritdoc />
    public IHistoryOutboxStore HistoryOutbox { get; }

    /// <inheritdoc />
    public ISubscriptionStore Subscriptions { get; }

    /// <inheritdoc />
    public IStoreMaintenance Maintenance { get; }

    /// <summary>Where the database is (for log lines; never a password).</summary>
    public string Description => _database.Description;

    /// <summary>The store <paramref name="options"/> describe (already validated by <see cref="StoreOptionsValidator"/>).</summary>
    public static NodeStore Open(StoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        return new NodeStore(CreateDatabase(options), options.Retention, time);
    }

    /// <summary>
    /// Applies the pending schema migrations (each in its own transaction) and returns the schema version; refuses a
    /// database newer than this code with <see cref="StoreVersionException"/>.
    /// </summary>
    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(_database, MigrationScripts.For(_database.Provider), _time, cancellationToken);

    /// <summary>The database of the configured provider.</summary>
    internal static StoreDatabase CreateDatabase(StoreOptions options) => options.Provider switch
    {
        StoreProviders.Sqlite => new SqliteDatabase(options.SqlitePath),
        StoreProviders.Postgres => new PostgresDatabase(options.ConnectionString),
        _ => throw new ArgumentException($"{StoreOptions.SectionName}:Provider '{options.Provider}' is not known; use {StoreProviders.Sqlite} or {StoreProviders.Postgres}.", nameof(options)),
    };

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
