using System.Data.Common;
using System.Globalization;
using IncidentExchange.Store.Sql;

namespace IncidentExchange.Store.Ledger;

/// <summary>
/// The ledger in SQL. Every reservation locks its origin's counter row first (PostgreSQL: <c>FOR UPDATE</c>; SQLite:
/// the write lock of <c>BEGIN IMMEDIATE</c>), so two gateways take turns and the numbers stay unique and gap-free;
/// the unique (origin, sequence) key would refuse a repeat even if that were ever broken.
/// </summary>
internal sealed class SqlLedgerStore(StoreDatabase database) : ILedgerStore
{
    private const string Select = "SELECT notice_id, revision, sequence, content_hash, issued_at, confirmed FROM ledger";

    public Task<LedgerEntry?> FindAsync(string origin, string noticeId, uint revision, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => FindAsync(connection, null, origin, noticeId, revision, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<LedgerEntry>> ReserveAsync(string origin, IReadOnlyList<Reservation> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return database.WriteAsync<IReadOnlyList<LedgerEntry>>(Durability.PowerCut, async transaction =>
        {
            var last = await LockCounterAsync(transaction, origin, cancellationToken);
            var next = last;
            var entries = new LedgerEntry[requests.Count];
            for (var i = 0; i < requests.Count; i++)
            {
                var (noticeId, revision, contentHash, issuedAt) = requests[i];
                // Also finds one reserved earlier in this batch: a repeat in a batch shares its entry.
                entries[i] = await FindAsync(transaction.Connection!, transaction, origin, noticeId, revision, cancellationToken)
                    ?? await InsertAsync(transaction, origin, new LedgerEntry(noticeId, revision, ++next, contentHash, issuedAt, Confirmed: false), cancellationToken);
            }

            if (next != last)
            {
                await SetCounterAsync(transaction, origin, next, cancellationToken);
            }

            return entries;
        }, cancellationToken);
    }

    public Task ConfirmAsync(string origin, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return database.WriteAsync(Durability.PowerCut, async transaction =>
        {
            foreach (var entry in entries)
            {
                await transaction.ExecuteAsync("UPDATE ledger SET confirmed = TRUE WHERE origin = @origin AND notice_id = @id AND revision = @revision", cancellationToken,
                    ("origin", origin), ("id", entry.NoticeId), ("revision", (long)entry.Revision));
            }

            return true;
        }, cancellationToken);
    }

    public Task<ulong> LastSequenceAsync(string origin, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
            await connection.ScalarAsync(null, "SELECT last_sequence FROM ledger_counter WHERE origin = @origin", cancellationToken, ("origin", origin)) is { } value
                ? Convert.ToUInt64(value, CultureInfo.InvariantCulture)
                : 0UL, cancellationToken);

    public Task ImportAsync(string origin, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return database.WriteAsync(Durability.PowerCut, async transaction =>
        {
            var last = await LockCounterAsync(transaction, origin, cancellationToken);
            var highest = last;
            foreach (var entry in entries)
            {
                var holder = await transaction.Connection!.ListAsync(transaction, Select + " WHERE origin = @origin AND sequence = @sequence", Read, cancellationToken,
                    ("origin", origin), ("sequence", Columns.Signed(entry.Sequence)));
                if (holder is [var held] && (held.NoticeId != entry.NoticeId || held.Revision != entry.Revision))
                {
                    throw new InvalidOperationException($"Sequence {entry.Sequence} of {origin} is held by notice {held.NoticeId} revision {held.Revision}, not {entry.NoticeId} revision {entry.Revision}.");
                }

                if (await FindAsync(transaction.Connection!, transaction, origin, entry.NoticeId, entry.Revision, cancellationToken) is null)
                {
                    await InsertAsync(transaction, origin, entry, cancellationToken);
                }
                else if (entry.Confirmed)
                {
                    await transaction.ExecuteAsync("UPDATE ledger SET confirmed = TRUE WHERE origin = @origin AND notice_id = @id AND revision = @revision", cancellationToken,
                        ("origin", origin), ("id", entry.NoticeId), ("revision", (long)entry.Revision));
                }

                highest = Math.Max(highest, entry.Sequence);
            }

            if (highest != last)
            {
                await SetCounterAsync(transaction, origin, highest, cancellationToken);
            }

            return true;
        }, cancellationToken);
    }

    // The counter row of an origin, created on its first use and locked until the transaction ends.
    private async Task<ulong> LockCounterAsync(DbTransaction transaction, string origin, CancellationToken cancellationToken)
    {
        await transaction.ExecuteAsync("INSERT INTO ledger_counter (origin, last_sequence) VALUES (@origin, 0) ON CONFLICT (origin) DO NOTHING", cancellationToken, ("origin", origin));
        var last = await transaction.ScalarAsync("SELECT last_sequence FROM ledger_counter WHERE origin = @origin" + database.ForUpdate, cancellationToken, ("origin", origin));
        return Convert.ToUInt64(last, CultureInfo.InvariantCulture);
    }

    private static Task<int> SetCounterAsync(DbTransaction transaction, string origin, ulong last, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("UPDATE ledger_counter SET last_sequence = @last WHERE origin = @origin", cancellationToken, ("origin", origin), ("last", Columns.Signed(last)));

    private static async Task<LedgerEntry?> FindAsync(DbConnection connection, DbTransaction? transaction, string origin, string noticeId, uint revision, CancellationToken cancellationToken)
    {
        var rows = await connection.ListAsync(transaction, Select + " WHERE origin = @origin AND notice_id = @id AND revision = @revision", Read, cancellationToken,
            ("origin", origin), ("id", noticeId), ("revision", (long)revision));
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<LedgerEntry> InsertAsync(DbTransaction transaction, string origin, LedgerEntry entry, CancellationToken cancellationToken)
    {
        await transaction.ExecuteAsync(
            "INSERT INTO ledger (origin, notice_id, revision, sequence, content_hash, issued_at, confirmed) VALUES (@origin, @id, @revision, @sequence, @hash, @issued, @confirmed)",
            cancellationToken,
            ("origin", origin), ("id", entry.NoticeId), ("revision", (long)entry.Revision), ("sequence", Columns.Signed(entry.Sequence)),
            ("hash", entry.ContentHash), ("issued", StoreTime.ToColumn(entry.IssuedAt)), ("confirmed", entry.Confirmed));
        return entry;
    }

    private static LedgerEntry Read(DbDataReader reader) =>
        new(reader.GetString(0), reader.UInt32(1), reader.UInt64(2), reader.GetString(3), reader.Time(4), reader.Flag(5));
}
