namespace IncidentExchange.Store.Contacts;

/// <summary>
/// A key this node created by rotation. <paramref name="SealedPrivateKey"/> is the private key encrypted by the
/// caller (the store never sees key material in the clear), or null where the private key stays a 0600 file.
/// </summary>
/// <param name="KeyId">Key id.</param>
/// <param name="NodeId">The node the key belongs to.</param>
/// <param name="PublicKey">Raw public key bytes.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="SealedPrivateKey">The private key sealed by the caller, or null.</param>
public sealed record StoredKey(string KeyId, string NodeId, byte[] PublicKey, DateTimeOffset CreatedAt, byte[]? SealedPrivateKey);
