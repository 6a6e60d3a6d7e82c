using System.Data.Common;
using IncidentExchange.Store.Migrations;
using IncidentExchange.Store.Sql;
using IncidentExchange.Store.Tests.Support;

namespace IncidentExchange.Store.Tests.Contracts;

/// <summary>Schema migrations: numbered, each once in its own transaction, recorded; a newer database is refused.</summary>
public abstract class MigrationContract(IStoreProvider provider) : StoreContract(provider)
{
    [Test]
    public async Task MigrateAsync_FreshDatabase_RecordsEveryVersionOnce()
    {
        var latest = MigrationScripts.For(Options.Provider)[^1].Version;

        var again = await Store.MigrateAsync();

        await using var database = NodeStore.CreateDatabase(Options);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.EqualTo(latest));
            Assert.That(await SchemaMigrator.VersionAsync(database, CancellationToken.None), Is.EqualTo(latest));
            Assert.That(await CountAsync(database, "SELECT COUNT(*) FROM schema_version"), Is.EqualTo(latest));
        }
    }

    [Test]
    public async Task MigrateAsync_DatabaseNewerThanTheCode_RefusedWithOneSentence()
    {
        var latest = MigrationScripts.For(Options.Provider)[^1].Version;
        await using (var database = NodeStore.CreateDatabase(Options))
        {
            await database.WriteAsync(Durability.PowerCut, t => t.ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (@v, 'from_the_future', 0)", CancellationToken.None, ("v", latest + 1)), CancellationToken.None);
        }

        var refused = Assert.ThrowsAsync<StoreVersionException>(async () => await Open().MigrateAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Message, Does.Contain($"is at schema version {latest + 1}, newer than this gateway knows ({latest})"));
            Assert.That(refused.Message, Does.EndWith(".").And.Not.Contain("\n"));
        }
    }

    [Test]
    public async Task MigrateAsync_MigrationFails_RolledBackWholeAndNotRecorded()
    {
        var migrations = MigrationScripts.For(Options.Provider).Append(
            new Migration(2, "broken", "CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1)")).ToArray();
        await using var database = NodeStore.CreateDatabase(Options);

        Assert.ThrowsAsync(Is.InstanceOf<DbException>(), async () => await SchemaMigrator.MigrateAsync(database, migrations, Time, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SchemaMigrator.VersionAsync(database, CancellationToken.None), Is.EqualTo(1));
            // Its first statement went with the failed second one: DDL is transactional in both databases.
            Assert.That(async () => await CountAsync(database, "SELECT COUNT(*) FROM half_done"), Throws.InstanceOf<DbException>());
        }
    }

    [Test]
    public async Task MigrateAsync_NextVersion_AppliedOnTopOfTheCurrentOne()
    {
        var migrations = MigrationScripts.For(Options.Provider).Append(new Migration(2, "peers", "CREATE TABLE peers_later (node_id TEXT PRIMARY KEY)")).ToArray();
        await using var database = NodeStore.CreateDatabase(Options);

        var version = await SchemaMigrator.MigrateAsync(database, migrations, Time, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(version, Is.EqualTo(2));
            Assert.That(await CountAsync(database, "SELECT COUNT(*) FROM peers_later"), Is.Zero);
            // What version 1 holds is untouched.
            Assert.That(await Store.Ledger.LastSequenceAsync("ee"), Is.Zero);
        }
    }

    [Test]
    public async Task MigrateAsync_TwoGatewaysStartingAtOnce_EachVersionAppliedOnce()
    {
        var options = await NewDatabaseAsync();
        var first = NodeStore.Open(options, Time);
        var second = NodeStore.Open(options, Time);
        try
        {
            var versions = await Task.WhenAll(Task.Run(() => first.MigrateAsync()), Task.Run(() => second.MigrateAsync()));

            await using var database = NodeStore.CreateDatabase(options);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(versions, Is.All.EqualTo(MigrationScripts.For(options.Provider)[^1].Version));
                Assert.That(await CountAsync(database, "SELECT COUNT(*) FROM schema_version"), Is.EqualTo(versions[0]));
            }
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }

    private static Task<long> CountAsync(StoreDatabase database, string sql) =>
        database.ReadAsync(async c => Convert.ToInt64(await c.ScalarAsync(null, sql, CancellationToken.None), System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
}
