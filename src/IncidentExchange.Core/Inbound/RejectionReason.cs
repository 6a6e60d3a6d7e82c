namespace IncidentExchange.Core.Inbound;

/// <summary>Why an inbound envelope was quarantined. The slugs appear in quarantine headers and metrics.</summary>
public enum RejectionReason
{
    /// <summary><c>oversized</c>: the body is larger than the protocol allows.</summary>
    Oversized,

    /// <summary><c>malformed-envelope</c>: the body is not a protobuf Envelope with all fields set.</summary>
    MalformedEnvelope,

    /// <summary><c>unknown-payload-type</c>: the envelope carries a payload type this node does not accept.</summary>
    UnknownPayloadType,

    /// <summary><c>unknown-signer</c>: no key is trusted for the signer node.</summary>
    UnknownSigner,

    /// <summary><c>unknown-key</c>: the signer is known but the key id is not one of its trusted keys.</summary>
    UnknownKey,

    /// <summary><c>bad-signature</c>: the signature does not verify over the signing input.</summary>
    BadSignature,

    /// <summary><c>malformed-payload</c>: the signed payload is not a valid message of its type.</summary>
    MalformedPayload,

    /// <summary><c>signer-not-origin</c>: a node signed a notice that claims another origin.</summary>
    SignerNotOrigin,

    /// <summary><c>invalid-notice</c>: the notice breaks a validation rule.</summary>
    InvalidNotice,

    /// <summary><c>not-addressed</c>: the signed audience names other nodes, not this one.</summary>
    NotAddressed,

    /// <summary><c>key-revoked</c>: the signer's record revoked the key before the payload's issue time.</summary>
    KeyRevoked,

    /// <summary><c>key-expired</c>: the payload was issued at or after the key's <c>not_after</c>.</summary>
    KeyExpired,

    /// <summary><c>key-not-yet-valid</c>: the payload was issued before the key's <c>not_before</c>.</summary>
    KeyNotYetValid,

    /// <summary><c>key-retired</c>: a record signed by a key that has an end date or is revoked (such keys sign no records).</summary>
    KeyRetired,

    /// <summary><c>invalid-receipt</c>: the receipt breaks a validation rule.</summary>
    InvalidReceipt,

    /// <summary><c>invalid-check</c>: the communication check breaks a validation rule.</summary>
    InvalidCheck,

    /// <summary><c>invalid-resend</c>: the re-send request or reply breaks a validation rule.</summary>
    InvalidResend,

    /// <summary><c>invalid-record</c>: the contact record breaks a validation rule.</summary>
    InvalidRecord,

    /// <summary><c>stale-record</c>: a record whose version is not above the current one (a replay).</summary>
    StaleRecord,

    /// <summary><c>record-conflict</c>: a second, different record with the current version.</summary>
    RecordConflict,
}
