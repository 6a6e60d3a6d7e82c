namespace IncidentExchange.Core.Inbound;

/// <summary>Stable wire/metric names of <see cref="RejectionReason"/>.</summary>
public static class RejectionReasons
{
    /// <summary>The kebab-case slug of <paramref name="reason"/>, e.g. <c>bad-signature</c>.</summary>
    public static string Slug(this RejectionReason reason) => reason switch
    {
        RejectionReason.Oversized => "oversized",
        RejectionReason.MalformedEnvelope => "malformed-envelope",
        RejectionReason.UnknownPayloadType => "unknown-payload-type",
        RejectionReason.UnknownSigner => "unknown-signer",
        RejectionReason.UnknownKey => "unknown-key",
        RejectionReason.BadSignature => "bad-signature",
        RejectionReason.MalformedPayload => "malformed-payload",
        RejectionReason.SignerNotOrigin => "signer-not-origin",
        RejectionReason.InvalidNotice => "invalid-notice",
        RejectionReason.NotAddressed => "not-addressed",
        RejectionReason.KeyRevoked => "key-revoked",
        RejectionReason.KeyExpired => "key-expired",
        RejectionReason.KeyNotYetValid => "key-not-yet-valid",
        RejectionReason.KeyRetired => "key-retired",
        RejectionReason.InvalidRecord => "invalid-record",
        RejectionReason.InvalidReceipt => "invalid-receipt",
        RejectionReason.InvalidCheck => "invalid-check",
        RejectionReason.InvalidResend => "invalid-resend",
        RejectionReason.StaleRecord => "stale-record",
        RejectionReason.RecordConflict => "record-conflict",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
