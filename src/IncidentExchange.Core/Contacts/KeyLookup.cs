using IncidentExchange.Contracts.V1;
using NSec.Cryptography;

namespace IncidentExchange.Core.Contacts;

/// <summary>The result of looking up a signer's key: found (with its window, if the directory gave one) or why not.</summary>
public readonly record struct KeyLookup
{
    private KeyLookup(KeyLookupStatus status, PublicKey? key, NodeKey? window)
    {
        Status = status;
        Key = key;
        Window = window;
    }

    /// <summary>Found, or which part was unknown.</summary>
    public KeyLookupStatus Status { get; }

    /// <summary>The public key, when found.</summary>
    public PublicKey? Key { get; }

    /// <summary>The key's entry in the signer's current record; null for a key that is only pinned (no window applies).</summary>
    public NodeKey? Window { get; }

    internal static KeyLookup Found(PublicKey key, NodeKey? window) => new(KeyLookupStatus.Found, key, window);

    internal static KeyLookup Missing(KeyLookupStatus status) => new(status, null, null);
}

/// <summary>Outcome of a key lookup.</summary>
public enum KeyLookupStatus
{
    /// <summary>The key is trusted for the signer.</summary>
    Found,

    /// <summary>Nothing is known about the signer: no pinned key, no record.</summary>
    UnknownSigner,

    /// <summary>The signer is known, but this key id is not one of its keys.</summary>
    UnknownKey,
}
