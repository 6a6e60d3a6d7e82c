using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Core.Inbound;

namespace IncidentExchange.Core.Contacts;

/// <summary>The one rule for every signed payload: the key must be valid for its node at the payload's issue time.</summary>
public static class SigningKeyRules
{
    /// <summary>Null if the found key could sign something issued at <paramref name="issuedAt"/>; otherwise why not.</summary>
    public static (RejectionReason Reason, string Detail)? CheckAt(KeyLookup lookup, Timestamp issuedAt, string signer, string keyId)
    {
        ArgumentNullException.ThrowIfNull(issuedAt);
        if (lookup.Window is null)
        {
            // Only pinned, no record yet: the out-of-band pin is the whole trust, without a window.
            return null;
        }

        var window = lookup.Window;
        return KeyWindows.At(window, issuedAt) switch
        {
            KeyValidity.Valid => null,
            KeyValidity.Revoked => (RejectionReason.KeyRevoked, $"Key '{keyId}' of '{signer}' is revoked since {Format(window.RevokedAt)} ({PeerValues.Printable(window.RevocationReason)}); this was issued at {Format(issuedAt)}."),
            KeyValidity.NotYetValid => (RejectionReason.KeyNotYetValid, $"Key '{keyId}' of '{signer}' is valid from {Format(window.NotBefore)}; this was issued at {Format(issuedAt)}."),
            _ => (RejectionReason.KeyExpired, $"Key '{keyId}' of '{signer}' expired at {Format(window.NotAfter)}; this was issued at {Format(issuedAt)}."),
        };
    }

    private static string Format(Timestamp time) =>
        WireTimes.IsSet(time) ? WireTimes.ToDateTimeOffset(time).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) : $"{time.Seconds}s";
}
