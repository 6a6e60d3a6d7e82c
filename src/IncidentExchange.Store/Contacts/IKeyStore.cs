namespace IncidentExchange.Store.Contacts;

/// <summary>The metadata of the keys a node created by rotation (and, sealed, their private keys: see <see cref="StoredKey"/>).</summary>
public interface IKeyStore
{
    /// <summary>Stores a key before anything is published that names it; a key id stored already keeps its first row.</summary>
    /// <returns>True if it was new.</returns>
    Task<bool> AddAsync(StoredKey key, CancellationToken cancellationToken = default);

    /// <summary>Every key of <paramref name="nodeId"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredKey>> ListAsync(string nodeId, CancellationToken cancellationToken = default);
}
