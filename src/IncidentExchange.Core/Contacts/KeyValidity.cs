using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Contacts;

/// <summary>Whether a node's key could sign something issued at a given time.</summary>
public enum KeyValidity
{
    /// <summary>Inside the key's window and not revoked.</summary>
    Valid,

    /// <summary>Before the key's <c>not_before</c>.</summary>
    NotYetValid,

    /// <summary>At or after the key's <c>not_after</c>.</summary>
    Expired,

    /// <summary>At or after the key's <c>revoked_at</c>.</summary>
    Revoked,
}

/// <summary>The validity rules of <see cref="NodeKey"/> windows (protos/README.md, points-of-contact directory).</summary>
public static class KeyWindows
{
    /// <summary>How <paramref name="key"/> stands at <paramref name="issuedAt"/>; revocation wins over the window.</summary>
    public static KeyValidity At(NodeKey key, Timestamp issuedAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(issuedAt);
        if (key.RevokedAt is not null && WireTimes.Compare(issuedAt, key.RevokedAt) >= 0)
        {
            return KeyValidity.Revoked;
        }

        if (key.NotBefore is not null && WireTimes.Compare(issuedAt, key.NotBefore) < 0)
        {
            return KeyValidity.NotYetValid;
        }

        return key.NotAfter is not null && WireTimes.Compare(issuedAt, key.NotAfter) >= 0 ? KeyValidity.Expired : KeyValidity.Valid;
    }
}
