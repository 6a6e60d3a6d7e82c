using IncidentExchange.Store.Sql;

namespace IncidentExchange.Store.Dedup;

/// <summary>The dedup window in SQL: one unique row per key, so two gateways adding the same key at once get one true and one false.</summary>
internal sealed class SqlDedupStore(StoreDatabase database) : IDedupStore
{
    public Task<bool> ContainsAsync(DedupKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.ReadAsync(async connection =>
            await connection.ScalarAsync(null, "SELECT 1 FROM seen_alerts WHERE origin = @origin AND alert_id = @id AND revision = @revision AND reminder = @reminder", cancellationToken,
                Args(key)) is not null, cancellationToken);
    }

    public Task<bool> TryAddAsync(DedupKey key, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.WriteAsync(Durability.Crash, async transaction =>
            await transaction.ExecuteAsync(
                "INSERT INTO seen_alerts (origin, alert_id, revision, reminder, seen_at) VALUES (@origin, @id, @revision, @reminder, @at) ON CONFLICT (origin, alert_id, revision, reminder) DO NOTHING",
                cancellationToken, [.. Args(key), ("at", StoreTime.ToColumn(at))]) > 0, cancellationToken);
    }

    public Task<int> TrimAsync(int keep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        // By position, not by arithmetic on ids: PostgreSQL's identity skips numbers (a conflicting insert uses one up).
        return database.WriteAsync(Durability.Crash, transaction => transaction.ExecuteAsync(
            "DELETE FROM seen_alerts WHERE id < (SELECT id FROM seen_alerts ORDER BY id DESC LIMIT 1 OFFSET @skip)", cancellationToken, ("skip", keep - 1)), cancellationToken);
    }

    private static (string, object?)[] Args(DedupKey key) =>
        [("origin", key.Origin), ("id", key.Id), ("revision", (long)key.Revision), ("reminder", key.Reminder)];
}
