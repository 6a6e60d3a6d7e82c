using IncidentExchange.Store.Sql;

namespace IncidentExchange.Store.Contacts;

/// <summary>Rotated keys' metadata in SQL; a key id is written once.</summary>
internal sealed class SqlKeyStore(StoreDatabase database) : IKeyStore
{
    public Task<bool> AddAsync(StoredKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.WriteAsync(Durability.PowerCut, async transaction =>
            await transaction.ExecuteAsync(
                "INSERT INTO own_keys (key_id, node_id, public_key, created_at, sealed_private_key) VALUES (@id, @node, @public, @at, @sealed) ON CONFLICT (key_id) DO NOTHING",
                cancellationToken, ("id", key.KeyId), ("node", key.NodeId), ("public", key.PublicKey), ("at", StoreTime.ToColumn(key.CreatedAt)), ("sealed", key.SealedPrivateKey)) > 0,
            cancellationToken);
    }

    public Task<IReadOnlyList<StoredKey>> ListAsync(string nodeId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<StoredKey>>(async connection => await connection.ListAsync(null,
            "SELECT key_id, node_id, public_key, created_at, sealed_private_key FROM own_keys WHERE node_id = @node ORDER BY created_at, key_id",
            r => new StoredKey(r.GetString(0), r.GetString(1), r.GetFieldValue<byte[]>(2), r.Time(3), r.BytesOrNull(4)), cancellationToken, ("node", nodeId)), cancellationToken);
}
