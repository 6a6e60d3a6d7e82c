using System.Data.Common;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Store.Sql;

namespace IncidentExchange.Store.Deliveries;

/// <summary>
/// The delivery book in SQL, with the rules of the log it replaces: each receipt kind, re-alert and deadline is written
/// once (an update guarded by "still empty"), and a notice's envelope is dropped as soon as nobody is left to
/// re-alert, so the deadline watcher's index holds only the few notices whose deadline runs.
/// </summary>
internal sealed class SqlDeliveryStore(StoreDatabase database) : IDeliveryStore
{
    private const string Key = "notice_id = @id AND revision = @revision";

    public Task<bool> ExpectAsync(ExpectedDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return database.WriteAsync(Durability.Crash, async transaction =>
        {
            var added = await transaction.ExecuteAsync(
                "INSERT INTO deliveries (notice_id, revision, sequence, published_at) VALUES (@id, @revision, @sequence, @at) ON CONFLICT (notice_id, revision) DO NOTHING",
                cancellationToken, [.. KeyOf(delivery.NoticeId, delivery.Revision),
                ("sequence", Columns.Signed(delivery.Sequence)), ("at", StoreTime.ToColumn(delivery.PublishedAt))]);
            if (added == 0)
            {
                return false;
            }

            foreach (var node in delivery.Recipients.Distinct(StringComparer.Ordinal))
            {
                await transaction.ExecuteAsync("INSERT INTO delivery_recipients (notice_id, revision, node_id) VALUES (@id, @revision, @node)", cancellationToken,
                    [.. KeyOf(delivery.NoticeId, delivery.Revision), ("node", node)]);
            }

            return true;
        }, cancellationToken);
    }

    public Task<bool> PublishedAsync(string noticeId, uint revision, byte[]? deadlineEnvelope, CancellationToken cancellationToken = default) =>
        database.WriteAsync(Durability.Crash, async transaction =>
        {
            var key = KeyOf(noticeId, revision);
            if (deadlineEnvelope is not null)
            {
                // Written once per revision: a repeated publish of a confirmed notice changes nothing.
                var critical = await transaction.ScalarAsync("SELECT critical FROM deliveries WHERE " + Key + database.ForUpdate, cancellationToken, key);
                if (critical is null || Convert.ToBoolean(critical, System.Globalization.CultureInfo.InvariantCulture))
                {
                    return false;
                }
            }

            // A new revision ends the deadline of the ones before it: their recipients are not re-alerted with an old text.
            var superseded = await transaction.ExecuteAsync("UPDATE deliveries SET envelope = NULL WHERE notice_id = @id AND revision < @revision AND envelope IS NOT NULL", cancellationToken, key);
            if (deadlineEnvelope is null)
            {
                return superseded > 0;
            }

            await transaction.ExecuteAsync("UPDATE deliveries SET critical = TRUE, envelope = @envelope WHERE " + Key, cancellationToken, [.. key, ("envelope", deadlineEnvelope)]);
            await ReleaseIfSettledAsync(transaction, key, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<ReceiptOutcome> RecordReceiptAsync(NoticeReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return database.WriteAsync(Durability.Crash, async transaction =>
        {
            var key = KeyOf(receipt.NoticeId, receipt.Revision);
            var found = await transaction.Connection!.ListAsync(transaction, "SELECT published_at, envelope IS NOT NULL FROM deliveries WHERE " + Key,
                r => (PublishedAt: r.Time(0), Awaiting: r.Flag(1)), cancellationToken, key);
            if (found is not [var (publishedAt, awaiting)])
            {
                return new ReceiptOutcome(null, false);
            }

            var at = StoreTime.ToColumn(ReceiptClock.Bounded(receipt.ClaimedAt, publishedAt, receipt.ReceivedAt));
            (string, object?)[] args = [.. key, ("node", receipt.Recipient), ("at", at), ("by", receipt.AcknowledgedBy)];
            var changed = receipt.Kind == ReceiptKind.Acknowledged
                // An acknowledgement implies delivery, even if its delivered receipt was lost.
                ? await transaction.ExecuteAsync(
                    "UPDATE delivery_recipients SET acknowledged_at = @at, acknowledged_by = @by, delivered_at = COALESCE(delivered_at, @at) WHERE " + Key + " AND node_id = @node AND acknowledged_at IS NULL",
                    cancellationToken, args)
                : await transaction.ExecuteAsync("UPDATE delivery_recipients SET delivered_at = @at WHERE " + Key + " AND node_id = @node AND delivered_at IS NULL", cancellationToken, args);
            // Only a notice whose deadline runs keeps an envelope to release.
            if (changed > 0 && awaiting)
            {
                await ReleaseIfSettledAsync(transaction, key, cancellationToken);
            }

            return new ReceiptOutcome(publishedAt, changed > 0);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<OverdueRecipient>> DueForRealertAsync(DateTimeOffset publishedUpTo, int limit, CancellationToken cancellationToken = default) =>
        // The awaiting notices first, through their small partial index, then their recipients: left to itself,
        // SQLite's planner scanned every recipient of the book instead (1 s at a million). Every awaiting notice has
        // at least one awaited recipient (its envelope is dropped the moment it has none), so taking at most
        // `limit` notices still yields `limit` recipients when there are that many.
        database.ReadAsync<IReadOnlyList<OverdueRecipient>>(async connection => await connection.ListAsync(null,
            "SELECT d.notice_id, d.revision, r.node_id, d.envelope FROM " +
            "(SELECT notice_id, revision, published_at, envelope FROM deliveries WHERE envelope IS NOT NULL AND published_at <= @upTo ORDER BY published_at, notice_id, revision LIMIT @limit) d " +
            "JOIN delivery_recipients r ON r.notice_id = d.notice_id AND r.revision = d.revision WHERE " + Awaited("r.") +
            " ORDER BY d.published_at, d.notice_id, d.revision, r.node_id LIMIT @limit",
            r => new OverdueRecipient(r.GetString(0), r.UInt32(1), r.GetString(2), r.GetFieldValue<byte[]>(3)), cancellationToken,
            ("upTo", StoreTime.ToColumn(publishedUpTo)), ("limit", limit)), cancellationToken);

    public Task<bool> MarkRealertAsync(RealertMark mark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mark);
        return database.WriteAsync(Durability.Crash, async transaction =>
        {
            var key = KeyOf(mark.NoticeId, mark.Revision);
            var set = mark.Failed ? "realert_failed = TRUE" : "realerted_at = @at";
            var changed = await transaction.ExecuteAsync(
                "UPDATE delivery_recipients SET " + set + " WHERE " + Key + " AND node_id = @node AND realerted_at IS NULL AND realert_failed = FALSE", cancellationToken,
                [.. key, ("node", mark.NodeId), ("at", StoreTime.ToColumn(mark.At))]);
            if (changed > 0)
            {
                await ReleaseIfSettledAsync(transaction, key, cancellationToken);
            }

            return changed > 0;
        }, cancellationToken);
    }

    public Task<NoticeDelivery?> FindAsync(string noticeId, uint revision, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
        {
            // One statement, so the page and its recipients come from one snapshot.
            var rows = await connection.ListAsync(null,
                "SELECT d.notice_id, d.revision, d.sequence, d.published_at, d.critical, r.node_id, r.delivered_at, r.acknowledged_at, r.acknowledged_by, r.realerted_at, r.realert_failed " +
                "FROM deliveries d LEFT JOIN delivery_recipients r ON r.notice_id = d.notice_id AND r.revision = d.revision " +
                "WHERE d.notice_id = @id AND d.revision = (CASE WHEN @revision = 0 THEN (SELECT MAX(revision) FROM deliveries WHERE notice_id = @id) ELSE @revision END) " +
                "ORDER BY r.node_id",
                r => (Page: new NoticeDelivery(r.GetString(0), r.UInt32(1), r.UInt64(2), r.Time(3), r.Flag(4), []),
                      Recipient: r.IsDBNull(5) ? null : new RecipientReceipts(r.GetString(5), r.TimeOrNull(6), r.TimeOrNull(7), r.TextOrNull(8), r.TimeOrNull(9), r.Flag(10))),
                cancellationToken, KeyOf(noticeId, revision));
            return rows.Count == 0 ? null : rows[0].Page with { Recipients = [.. rows.Where(x => x.Recipient is not null).Select(x => x.Recipient!)] };
        }, cancellationToken);

    // Nobody left to re-alert: the envelope is no longer needed.
    private static Task<int> ReleaseIfSettledAsync(DbTransaction transaction, (string, object?)[] key, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            "UPDATE deliveries SET envelope = NULL WHERE " + Key + " AND envelope IS NOT NULL AND NOT EXISTS (SELECT 1 FROM delivery_recipients WHERE " + Key + " AND " + Awaited("") + ")",
            cancellationToken, key);

    // Owes an acknowledgement and was neither re-alerted nor found unreachable.
    private static string Awaited(string table) =>
        $"{table}acknowledged_at IS NULL AND {table}realerted_at IS NULL AND {table}realert_failed = FALSE";

    private static (string, object?)[] KeyOf(string noticeId, uint revision) => [("id", noticeId), ("revision", (long)revision)];
}
