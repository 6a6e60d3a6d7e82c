using System.Runtime.CompilerServices;
using IncidentExchange.Store.Sql;

namespace IncidentExchange.Store.Contacts;

/// <summary>The directory's signed records in SQL; versions are written once and never changed.</summary>
internal sealed class SqlRecordStore(StoreDatabase database, TimeProvider time) : IRecordStore
{
    public Task<bool> SaveAsync(StoredRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.WriteAsync(Durability.PowerCut, async transaction =>
            await transaction.ExecuteAsync(
                "INSERT INTO directory_records (node_id, version, envelope, accepted_at) VALUES (@node, @version, @envelope, @at) ON CONFLICT (node_id, version) DO NOTHING",
                cancellationToken, ("node", record.NodeId), ("version", Columns.Signed(record.Version)), ("envelope", record.Envelope), ("at", StoreTime.ToColumn(record.AcceptedAt))) > 0,
            cancellationToken);
    }

    public async IAsyncEnumerable<StoredRecord> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT node_id, version, envelope, accepted_at FROM directory_records ORDER BY node_id, version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredRecord(reader.GetString(0), reader.UInt64(1), reader.GetFieldValue<byte[]>(2), reader.Time(3));
        }
    }

    public Task SavePendingAsync(byte[] envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return database.WriteAsync(Durability.PowerCut, transaction =>
            transaction.ExecuteAsync(
                "INSERT INTO own_pending_record (slot, envelope, saved_at) VALUES (1, @envelope, @at) ON CONFLICT (slot) DO UPDATE SET envelope = excluded.envelope, saved_at = excluded.saved_at",
                cancellationToken, ("envelope", envelope), ("at", StoreTime.ToColumn(time.GetUtcNow()))), cancellationToken);
    }

    public Task<byte[]?> LoadPendingAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection => (byte[]?)await connection.ScalarAsync(null, "SELECT envelope FROM own_pending_record WHERE slot = 1", cancellationToken), cancellationToken);

    public Task ClearPendingAsync(CancellationToken cancellationToken = default) =>
        database.WriteAsync(Durability.PowerCut, transaction => transaction.ExecuteAsync("DELETE FROM own_pending_record", cancellationToken), cancellationToken);
}
