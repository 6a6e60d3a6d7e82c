namespace IncidentExchange.Store.Contacts;

/// <summary>
/// The points-of-contact directory as signed bytes: every accepted version of every node's record (the chain of keys
/// back to the pin needs them all), verified again by the caller when it rebuilds the directory, so a tampered row is
/// refused, not trusted. Also this node's own next record from signing until the broker confirmed it, so a publish
/// that may or may not have gone out is retried with the same bytes.
/// </summary>
public interface IRecordStore
{
    /// <summary>Stores a version unless it is stored already (the first bytes of a version stay).</summary>
    /// <returns>True if it was new.</returns>
    Task<bool> SaveAsync(StoredRecord record, CancellationToken cancellationToken = default);

    /// <summary>Every stored record, per node (ordinal order) in version order, read as it streams (not loaded whole).</summary>
    IAsyncEnumerable<StoredRecord> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Keeps this node's own signed next record until it is published (replacing an older pending one).</summary>
    Task SavePendingAsync(byte[] envelope, CancellationToken cancellationToken = default);

    /// <summary>The own record signed but not yet confirmed, if any.</summary>
    Task<byte[]?> LoadPendingAsync(CancellationToken cancellationToken = default);

    /// <summary>Forgets the pending own record once it is published and held.</summary>
    Task ClearPendingAsync(CancellationToken cancellationToken = default);
}
