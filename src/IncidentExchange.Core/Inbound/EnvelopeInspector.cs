using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound.Payloads;
using IncidentExchange.Core.Wire;
using NSec.Cryptography;

namespace IncidentExchange.Core.Inbound;

/// <summary>
/// The receive-side checks of protos/README.md, in order: size, envelope form, payload type, signer and key, signature
/// over the exact bytes, payload form, signer = origin, payload rules, key valid at the payload's issue time, addressed
/// to this node. The signature is checked before the payload is parsed, so unauthenticated bytes are never interpreted.
/// What differs per payload type (parser, sender, rules, issue time, audience) comes from the <see cref="PayloadRegistry"/>.
/// A record that passes still has to be offered to the <see cref="ContactDirectory"/>, which decides on its version.
/// </summary>
/// <param name="directory">Pinned keys and records: which keys are valid for which node, when.</param>
/// <param name="localNodeId">This node's id: a notice addressed to other nodes is refused even if it arrives here.</param>
/// <param name="historical">
/// True to check an envelope taken from this node's history: keys are looked up in every held version of the
/// signer's record (<see cref="ContactDirectory.ResolveHistorical"/>), and the audience is not checked again (the
/// history holds only what this node sent or accepted).
/// </param>
/// <param name="payloads">The payload types this node accepts; <see cref="PayloadRegistry.Default"/> (the protocol's six) if null.</param>
public sealed class EnvelopeInspector(ContactDirectory directory, string localNodeId, bool historical = false, PayloadRegistry? payloads = null)
{
    private readonly ContactDirectory _directory = directory ?? throw new ArgumentNullException(nameof(directory));
    private readonly string _localNodeId = NodeIds.Require(localNodeId);
    private readonly PayloadRegistry _payloads = payloads ?? PayloadRegistry.Default;

    /// <summary>Inspects one AMQP body.</summary>
    public InspectionResult Inspect(ReadOnlyMemory<byte> body)
    {
        if (body.Length > WireProtocol.MaxEnvelopeBytes)
        {
            return Reject(RejectionReason.Oversized, $"The message is {body.Length} bytes; at most {WireProtocol.MaxEnvelopeBytes} are allowed.");
        }

        Envelope envelope;
        try
        {
            envelope = Envelope.Parser.ParseFrom(body.Span);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return Reject(RejectionReason.MalformedEnvelope, $"The message is not a protobuf incx.v1.Envelope: {ex.Message}");
        }

        if (envelope.Signer.Length == 0 || envelope.KeyId.Length == 0 || envelope.Signature.Length == 0 || envelope.PayloadType.Length == 0)
        {
            return Reject(RejectionReason.MalformedEnvelope, "The envelope lacks a payload type, signer, key id or signature.", envelope);
        }

        if (_payloads.Find(envelope.PayloadType) is not { } rules)
        {
            return Reject(RejectionReason.UnknownPayloadType, $"Payload type '{Printable(envelope.PayloadType)}' is not one this node accepts.", envelope);
        }

        var lookup = historical ? _directory.ResolveHistorical(envelope.Signer, envelope.KeyId) : _directory.Resolve(envelope.Signer, envelope.KeyId);
        return VerifySignature(envelope, lookup) ?? Check(envelope, lookup, rules);
    }

    // Steps 8-12 of §10, the same for every payload type: it parses, its sender signed it, it keeps its rules, the key
    // was valid at its time, and (the routing key is not signed) the payload itself says it is for this node.
    private InspectionResult Check(Envelope envelope, KeyLookup lookup, IPayloadRules rules)
    {
        if (Parse(envelope, rules) is not { } payload)
        {
            return Reject(RejectionReason.MalformedPayload, $"The signed payload is not a protobuf {envelope.PayloadType}.", envelope);
        }

        var claims = rules.Claims(payload);
        if (claims.Sender != envelope.Signer)
        {
            return Reject(RejectionReason.SignerNotOrigin, $"Node '{envelope.Signer}' signed {rules.SignedWhat} '{Printable(claims.Sender)}'.", envelope);
        }

        if (claims.Errors.Count > 0)
        {
            return Reject(rules.Invalid, $"The {rules.Name} is invalid: " + string.Join(" ", claims.Errors), envelope);
        }

        if (KeyInvalidAt(envelope, lookup, claims.IssuedAt) is { } keyFailure)
        {
            return keyFailure;
        }

        // Asked only once the rules hold: before that, the fields it reads may be missing.
        return !historical && rules.NotAddressed(payload, _localNodeId) is { } notAddressed
            ? Reject(RejectionReason.NotAddressed, notAddressed, envelope)
            : new InspectionResult.Accepted(envelope, payload);
    }

    private InspectionResult.Rejected? VerifySignature(Envelope envelope, KeyLookup lookup)
    {
        if (lookup.Status == KeyLookupStatus.UnknownSigner)
        {
            return Reject(RejectionReason.UnknownSigner, $"No key is trusted for signer '{Printable(envelope.Signer)}'.", envelope);
        }

        if (lookup.Status == KeyLookupStatus.UnknownKey)
        {
            return Reject(RejectionReason.UnknownKey, $"Key '{Printable(envelope.KeyId)}' is not a key of '{envelope.Signer}' ({KeySource(envelope.Signer)}).", envelope);
        }

        var input = SigningInput.Build(envelope.PayloadType, envelope.Signer, envelope.KeyId, envelope.Payload.Span);
        var valid = envelope.Signature.Length == Ed25519Keys.SignatureBytes
            && SignatureAlgorithm.Ed25519.Verify(lookup.Key!, input, envelope.Signature.Span);
        return valid ? null : Reject(RejectionReason.BadSignature, $"The signature does not verify with key '{envelope.KeyId}' of '{envelope.Signer}'.", envelope);
    }

    private string KeySource(string signer) =>
        _directory.Get(signer)?.Current is { } current ? $"not in its contact record version {current.Record.Version}" : "not pinned for it";

    private static InspectionResult.Rejected? KeyInvalidAt(Envelope envelope, KeyLookup lookup, Timestamp issuedAt) =>
        SigningKeyRules.CheckAt(lookup, issuedAt, envelope.Signer, envelope.KeyId) is { } invalid
            ? Reject(invalid.Reason, invalid.Detail, envelope)
            : null;

    private static IMessage? Parse(Envelope envelope, IPayloadRules rules)
    {
        try
        {
            return rules.Parse(envelope.Payload);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static InspectionResult.Rejected Reject(RejectionReason reason, string detail, Envelope? envelope = null) => new(reason, detail, envelope);

    // Values from a hostile peer go into logs and headers: cut them short and strip control characters.
    private static string Printable(string value) => PeerValues.Printable(value);
}
