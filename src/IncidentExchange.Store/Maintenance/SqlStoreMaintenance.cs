using IncidentExchange.Store.Sql;

namespace IncidentExchange.Store.Maintenance;

/// <summary>
/// Retention in SQL: old pages go in batches of <see cref="BatchSize"/>, each its own short transaction (their
/// recipients and targets go with them, by cascade), so a first compaction of years of history never holds the
/// write lock for long.
/// </summary>
internal sealed class SqlStoreMaintenance(StoreDatabase database, RetentionOptions retention, TimeProvider time) : IStoreMaintenance
{
    internal const int BatchSize = 1_000;

    public async Task<CompactionResult> CompactAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var deliveries = await DeleteOlderAsync(
            "DELETE FROM deliveries WHERE (notice_id, revision) IN (SELECT notice_id, revision FROM deliveries WHERE published_at < @cutoff ORDER BY published_at LIMIT @batch)",
            now - retention.Deliveries, cancellationToken);
        var checks = await DeleteOlderAsync(
            "DELETE FROM checks WHERE id IN (SELECT id FROM checks WHERE sent_at < @cutoff ORDER BY sent_at LIMIT @batch)",
            now - retention.Checks, cancellationToken);
        return new CompactionResult(deliveries, checks);
    }

    public Task<StoreGauges> GaugesAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection => new StoreGauges(
            await database.SizeAsync(connection, cancellationToken),
            await connection.ScalarAsync(null, "SELECT MIN(published_at) FROM deliveries", cancellationToken) is { } delivery ? StoreTime.FromColumn(Convert.ToInt64(delivery, System.Globalization.CultureInfo.InvariantCulture)) : null,
            await connection.ScalarAsync(null, "SELECT MIN(sent_at) FROM checks", cancellationToken) is { } check ? StoreTime.FromColumn(Convert.ToInt64(check, System.Globalization.CultureInfo.InvariantCulture)) : null),
            cancellationToken);

    private async Task<int> DeleteOlderAsync(string sql, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var deleted = await database.WriteAsync(Durability.Crash, transaction =>
                transaction.ExecuteAsync(sql, cancellationToken, ("cutoff", StoreTime.ToColumn(cutoff)), ("batch", BatchSize)), cancellationToken);
            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }
        }
    }
}
