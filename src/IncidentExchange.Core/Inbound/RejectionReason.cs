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
}
