using System.Globalization;
using System.Text.Json;
using IncidentExchange.Store.Sql;

namespace IncidentExchange.Store.History;

/// <summary>The history outbox in SQL: a row per copy, deleted when the broker confirmed it.</summary>
internal sealed class SqlHistoryOutboxStore(StoreDatabase database, TimeProvider time) : IHistoryOutboxStore
{
    public Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<HistoryCopy> copies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(copies);
        return database.WriteAsync<IReadOnlyList<long>>(Durability.Crash, async transaction =>
        {
            var at = StoreTime.ToColumn(time.GetUtcNow());
            var ids = new long[copies.Count];
            for (var i = 0; i < copies.Count; i++)
            {
                var copy = copies[i];
                ids[i] = Convert.ToInt64(await transaction.ScalarAsync(
                    "INSERT INTO history_outbox (routing_key, message_id, headers, body, written_at) VALUES (@key, @id, @headers, @body, @at) RETURNING id", cancellationToken,
                    ("key", copy.RoutingKey), ("id", copy.MessageId), ("headers", JsonSerializer.Serialize(copy.Headers)), ("body", copy.Body), ("at", at)), CultureInfo.InvariantCulture);
            }

            return ids;
        }, cancellationToken);
    }

    public Task ConfirmAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return database.WriteAsync(Durability.Crash, async transaction =>
        {
            foreach (var id in ids)
            {
                await transaction.ExecuteAsync("DELETE FROM history_outbox WHERE id = @id", cancellationToken, ("id", id));
            }

            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<PendingHistoryCopy>> PendingAsync(long after, int limit, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<PendingHistoryCopy>>(async connection => await connection.ListAsync(null,
            "SELECT id, routing_key, message_id, headers, body FROM history_outbox WHERE id > @after ORDER BY id LIMIT @limit",
            r => new PendingHistoryCopy(r.GetInt64(0), new HistoryCopy(r.GetString(1), r.GetString(2), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(3))!, r.GetFieldValue<byte[]>(4))),
            cancellationToken, ("after", after), ("limit", limit)), cancellationToken);
}
