using System.Collections.Concurrent;
using IncidentExchange.Core.Wire;
using NSec.Cryptography;

namespace IncidentExchange.Core.Crypto;

/// <summary>
/// The public keys this node accepts signatures from, by node id and key id. Trust starts
/// from keys pinned in the node's configuration (exchanged out of band).
/// </summary>
public sealed class TrustStore
{
    private readonly ConcurrentDictionary<(string Node, string KeyId), PublicKey> _keys = new();

    /// <summary>Trusts <paramref name="publicKey"/> for signatures by <paramref name="nodeId"/>.</summary>
    /// <returns>The key id of the pinned key.</returns>
    public string Pin(string nodeId, ReadOnlySpan<byte> publicKey)
    {
        NodeIds.Require(nodeId);
        var keyId = KeyIds.Derive(publicKey);
        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey);
        _keys[(nodeId, keyId)] = key;
        return keyId;
    }

    /// <summary>True if any key is pinned for <paramref name="nodeId"/>.</summary>
    public bool Knows(string nodeId) => _keys.Keys.Any(k => k.Node == nodeId);

    /// <summary>Key ids trusted for <paramref name="nodeId"/>, sorted.</summary>
    public IReadOnlyList<string> KeyIdsOf(string nodeId) =>
        _keys.Keys.Where(k => k.Node == nodeId).Select(k => k.KeyId).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Looks up the key <paramref name="keyId"/> of <paramref name="nodeId"/>.</summary>
    public bool TryGet(string nodeId, string keyId, out PublicKey key) =>
        _keys.TryGetValue((nodeId, keyId), out key!);
}
