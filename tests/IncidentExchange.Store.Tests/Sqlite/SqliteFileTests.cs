using IncidentExchange.Store.Tests.Support;
using Microsoft.Data.Sqlite;

namespace IncidentExchange.Store.Tests.Sqlite;

/// <summary>What only the SQLite provider promises: the file's mode and its journal.</summary>
public sealed class SqliteFileTests
{
    private readonly SqliteProvider _provider = new();

    [TearDown]
    public void Clean() => _provider.Clean();

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task MigrateAsync_NewFile_OwnerOnlyAndInWalMode()
    {
        var options = await _provider.NewDatabaseAsync();
        await using (var store = NodeStore.Open(options, TimeProvider.System))
        {
            await store.MigrateAsync();
        }

        await using var connection = new SqliteConnection($"Data Source={options.SqlitePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        using (Assert.EnterMultipleScope())
        {
            // It holds the node's correspondence metadata and, sealed, its rotated keys.
            Assert.That(File.GetUnixFileMode(options.SqlitePath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("wal"));
        }
    }
}
