using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Data.Common;
using IncidentExchange.Store.Sql;
using Microsoft.Data.Sqlite;

namespace IncidentExchange.Store.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (readers never wait for the writer). A commit that must survive a
/// power cut runs with <c>synchronous=FULL</c> (the WAL is synced at the commit); the others with <c>NORMAL</c>
/// (synced at checkpoints only: a crash of the gateway loses nothing, a power cut the last moments of them, and a
/// FULL commit syncs every earlier one with it). See <see cref="Durability"/>.
/// </summary>
internal sealed class SqliteDatabase : StoreDatabase
{
    // One writer at a time per file in this process: waiting here is cheaper than SQLite's busy retries.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Writers = new(StringComparer.Ordinal);

    // What each physical connection's synchronous setting is; entries go with the connections.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, StrongBox<Durability>> _synchronous = [];
    private readonly string _connectionString;
    private readonly string _path;
    private readonly SemaphoreSlim _writer;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _writer = Writers.GetOrAdd(_path, _ => new SemaphoreSlim(1, 1));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            // Another process writing (a second gateway on the same file, a backup): the provider retries a busy
            // database for up to this long.
            DefaultTimeout = 30,
        }.ToString();
    }

    public override string Provider => StoreProviders.Sqlite;

    public override string Description => $"SQLite file {_path}";

    // BEGIN IMMEDIATE takes the database's write lock: every row read in a write transaction is already locked.
    public override string ForUpdate => "";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(folder);
        if (!File.Exists(_path) && !OperatingSystem.IsWindows())
        {
            // Created 0600 before SQLite opens it (its WAL and shared-memory files take the same mode): the store
            // holds sealed keys and the node's correspondence metadata.
            File.Create(_path, 0, FileOptions.None).Dispose();
            File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using var connection = await OpenAsync(cancellationToken);
        // Persistent in the file: set once, kept by every later connection.
        await using var command = connection.Command(null, "PRAGMA journal_mode = WAL");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override Task LockMigrationsAsync(DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task<long> SizeAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Convert.ToInt64(await connection.ScalarAsync(null, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

    public override ValueTask DisposeAsync()
    {
        // Closes this file's pooled connections, so the file can be moved or deleted once the store is disposed.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        return new Turn(_writer);
    }

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, Durability durability, CancellationToken cancellationToken)
    {
        // Not changeable inside a transaction, so set just before it begins; only when it differs from what this
        // (pooled) connection has, since a statement per transaction was a third of a receipt's cost.
        var handle = ((SqliteConnection)connection).Handle!;
        if (!_synchronous.TryGetValue(handle, out var current) || current.Value != durability)
        {
            await using var command = connection.Command(null, durability == Durability.PowerCut ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            await command.ExecuteNonQueryAsync(cancellationToken);
            _synchronous.AddOrUpdate(handle, new StrongBox<Durability>(durability));
        }

        // Deferred = false: BEGIN IMMEDIATE, the write lock at once, so a read-then-write never fails half way.
        return ((SqliteConnection)connection).BeginTransaction(deferred: false);
    }

    private sealed class Turn(SemaphoreSlim writer) : IDisposable
    {
        public void Dispose() => writer.Release();
    }
}
