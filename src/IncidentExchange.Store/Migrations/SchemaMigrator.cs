using System.Globalization;
using IncidentExchange.Store.Sql;

namespace IncidentExchange.Store.Migrations;

/// <summary>
/// Brings a database to the newest schema this code knows: each pending migration in its own transaction, recorded in
/// <c>schema_version</c>. Gateways starting together take turns (a lock inside each transaction), and each re-reads the
/// version under that lock, so every migration runs once. A database newer than the code is refused.
/// </summary>
internal static class SchemaMigrator
{
    private const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    /// <summary>Applies what is pending; returns the database's version afterwards.</summary>
    public static async Task<int> MigrateAsync(StoreDatabase database, IReadOnlyList<Migration> migrations, TimeProvider time, CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken);
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        while (true)
        {
            var (applied, version) = await database.WriteAsync(Durability.PowerCut, async transaction =>
            {
                await database.LockMigrationsAsync(transaction, cancellationToken);
                await transaction.ExecuteAsync(CreateVersionTable, cancellationToken);
                var current = Convert.ToInt32(await transaction.ScalarAsync("SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken), CultureInfo.InvariantCulture);
                if (current > latest)
                {
                    throw new StoreVersionException(
                        $"The {database.Description} is at schema version {current}, newer than this gateway knows ({latest}): run the newer gateway, or restore the store from a backup taken before it was upgraded.");
                }

                if (current == latest)
                {
                    return (false, current);
                }

                var next = migrations[current];
                await transaction.ExecuteAsync(next.Sql, cancellationToken);
                await transaction.ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @at)", cancellationToken,
                    ("version", next.Version), ("name", next.Name), ("at", StoreTime.ToColumn(time.GetUtcNow())));
                return (true, next.Version);
            }, cancellationToken);

            if (!applied)
            {
                return version;
            }
        }
    }

    /// <summary>The database's version, 0 for a database never migrated.</summary>
    public static Task<int> VersionAsync(StoreDatabase database, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            try
            {
                return Convert.ToInt32(await connection.ScalarAsync(null, "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken), CultureInfo.InvariantCulture);
            }
            catch (System.Data.Common.DbException) when (!cancellationToken.IsCancellationRequested)
            {
                // No schema_version table yet.
                return 0;
            }
        }, cancellationToken);
}
