using System.Data.Common;
using System.Globalization;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Store.Deliveries;
using IncidentExchange.Store.Sql;

namespace IncidentExchange.Store.Checks;

/// <summary>The check book in SQL: each answer kind per target is written once (an update guarded by "still empty").</summary>
internal sealed class SqlCheckStore(StoreDatabase database) : ICheckStore
{
    private const string Target = "check_id = @id AND node_id = @node";


    public Task<bool> SentAsync(SentCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        return database.WriteAsync(Durability.Crash, async transaction =>
        {
            var added = await transaction.ExecuteAsync(
                "INSERT INTO checks (check_id, sent_at, timeout, text) VALUES (@id, @at, @timeout, @text) ON CONFLICT (check_id) DO NOTHING", cancellationToken,
                ("id", check.CheckId), ("at", StoreTime.ToColumn(check.SentAt)), ("timeout", check.Timeout.Ticks), ("text", check.Text));
            if (added == 0)
            {
                return false;
            }

            foreach (var node in check.Targets.Distinct(StringComparer.Ordinal))
            {
                await transaction.ExecuteAsync("INSERT INTO check_targets (check_id, node_id) VALUES (@id, @node)", cancellationToken, ("id", check.CheckId), ("node", node));
            }

            return true;
        }, cancellationToken);
    }

    public Task<bool> NotSentAsync(string checkId, string nodeId, string detail, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(Durability.Crash, async transaction =>
            await transaction.ExecuteAsync("UPDATE check_targets SET not_sent = @detail, not_sent_at = @at WHERE " + Target + " AND not_sent IS NULL", cancellationToken,
                ("id", checkId), ("node", nodeId), ("detail", detail), ("at", StoreTime.ToColumn(at))) > 0, cancellationToken);

    public Task<bool> RecordReceiptAsync(CheckReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return database.WriteAsync(Durability.Crash, async transaction =>
        {
            if (await transaction.ScalarAsync("SELECT sent_at FROM checks WHERE check_id = @id", cancellationToken, ("id", receipt.CheckId)) is not { } sent)
            {
                return false;
            }

            var sentAt = StoreTime.FromColumn(Convert.ToInt64(sent, CultureInfo.InvariantCulture));
            (string, object?)[] args = [("id", receipt.CheckId), ("node", receipt.Recipient), ("by", receipt.AcknowledgedBy),
                ("at", StoreTime.ToColumn(ReceiptClock.Bounded(receipt.ClaimedAt, sentAt, receipt.ArrivedAt))), ("arrived", StoreTime.ToColumn(receipt.ArrivedAt))];
            return receipt.Kind == ReceiptKind.Acknowledged
                // An acknowledgement implies delivery, even if its delivered receipt was lost.
                ? await transaction.ExecuteAsync(
                    "UPDATE check_targets SET acknowledged_at = @at, acknowledged_arrived_at = @arrived, acknowledged_by = @by, " +
                    "delivered_at = COALESCE(delivered_at, @at), delivered_arrived_at = COALESCE(delivered_arrived_at, @arrived) WHERE " + Target + " AND acknowledged_arrived_at IS NULL",
                    cancellationToken, args) > 0
                : await transaction.ExecuteAsync(
                    "UPDATE check_targets SET delivered_at = @at, delivered_arrived_at = @arrived WHERE " + Target + " AND delivered_arrived_at IS NULL", cancellationToken, args) > 0;
        }, cancellationToken);
    }

    public Task<CheckRecord?> FindAsync(string checkId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
            (await ReadPagesAsync(connection, Page("(SELECT * FROM checks WHERE check_id = @id)"), cancellationToken, ("id", checkId)))
                .FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<CheckRecord>> RecentAsync(int limit, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<CheckRecord>>(async connection =>
            await ReadPagesAsync(connection, Page("(SELECT * FROM checks ORDER BY id DESC LIMIT @limit)"), cancellationToken, ("limit", limit)),
            cancellationToken);

    // The checks chosen by a subquery, joined with their targets, newest first.
    private static string Page(string checks) =>
        "SELECT c.check_id, c.sent_at, c.timeout, c.text, t.node_id, t.delivered_at, t.delivered_arrived_at, t.acknowledged_at, t.acknowledged_arrived_at, t.acknowledged_by, t.not_sent " +
        "FROM " + checks + " c LEFT JOIN check_targets t ON t.check_id = c.check_id ORDER BY c.id DESC, t.node_id";

    // One statement (checks joined with their targets, newest first), grouped into pages in the order read.
    private static async Task<List<CheckRecord>> ReadPagesAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string, object?)[] args)
    {
        var rows = await connection.ListAsync(null, sql,
            r => (Check: new CheckRecord(r.GetString(0), r.Time(1), TimeSpan.FromTicks(r.GetInt64(2)), r.GetString(3), []),
                  Target: r.IsDBNull(4) ? null : new CheckTargetRecord(r.GetString(4), r.TimeOrNull(5), r.TimeOrNull(6), r.TimeOrNull(7), r.TimeOrNull(8), r.TextOrNull(9), r.TextOrNull(10))),
            cancellationToken, args);
        return [.. rows
            .GroupBy(r => r.Check.CheckId, StringComparer.Ordinal)
            .Select(g => g.First().Check with { Targets = [.. g.Where(r => r.Target is not null).Select(r => r.Target!)] })];
    }
}
