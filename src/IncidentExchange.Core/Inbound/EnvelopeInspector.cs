using Google.Protobuf;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Validation;
using IncidentExchange.Core.Wire;
using NSec.Cryptography;

namespace IncidentExchange.Core.Inbound;

/// <summary>
/// The receive-side checks of protos/README.md, in order: size, envelope form, payload type,
/// signer and key, signature over the exact bytes, payload form, signer = origin, notice rules,
/// addressed to this node. The signature is checked before the payload is parsed, so unauthenticated
/// bytes are never interpreted.
/// </summary>
/// <param name="trust">Keys this node accepts signatures from.</param>
/// <param name="localNodeId">This node's id: a notice addressed to other nodes is refused even if it arrives here.</param>
public sealed class EnvelopeInspector(TrustStore trust, string localNodeId)
{
    private readonly TrustStore _trust = trust ?? throw new ArgumentNullException(nameof(trust));
    private readonly string _localNodeId = NodeIds.Require(localNodeId);

    /// <summary>Inspects one AMQP body.</summary>
    public InspectionResult Inspect(ReadOnlyMemory<byte> body)
    {
        if (body.Length > WireProtocol.MaxEnvelopeBytes)
        {
            return InspectionResult.Reject(RejectionReason.Oversized, $"The message is {body.Length} bytes; at most {WireProtocol.MaxEnvelopeBytes} are allowed.");
        }

        Envelope envelope;
        try
        {
            envelope = Envelope.Parser.ParseFrom(body.Span);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return InspectionResult.Reject(RejectionReason.MalformedEnvelope, $"The message is not a protobuf incx.v1.Envelope: {ex.Message}");
        }

        if (envelope.Signer.Length == 0 || envelope.KeyId.Length == 0 || envelope.Signature.Length == 0 || envelope.PayloadType.Length == 0)
        {
            return InspectionResult.Reject(RejectionReason.MalformedEnvelope, "The envelope lacks a payload type, signer, key id or signature.", envelope);
        }

        if (envelope.PayloadType != PayloadTypes.IncidentNotice)
        {
            return InspectionResult.Reject(RejectionReason.UnknownPayloadType, $"Payload type '{Printable(envelope.PayloadType)}' is not one this node accepts.", envelope);
        }

        if (VerifySignature(envelope) is { } failure)
        {
            return failure;
        }

        IncidentNotice notice;
        try
        {
            notice = IncidentNotice.Parser.ParseFrom(envelope.Payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return InspectionResult.Reject(RejectionReason.MalformedPayload, $"The signed payload is not a protobuf incx.v1.IncidentNotice: {ex.Message}", envelope);
        }

        if (notice.Origin != envelope.Signer)
        {
            return InspectionResult.Reject(RejectionReason.SignerNotOrigin, $"Node '{envelope.Signer}' signed a notice whose origin is '{Printable(notice.Origin)}'.", envelope);
        }

        var errors = NoticeValidator.Validate(notice);
        if (errors.Count > 0)
        {
            return InspectionResult.Reject(RejectionReason.InvalidNotice, "The notice is invalid: " + string.Join(" ", errors), envelope);
        }

        // The routing key is not signed: a peer could put a TLP:RED notice for one node on notice.all.
        // The signed audience decides who may read it.
        if (!notice.Audience.All && !notice.Audience.Nodes.Contains(_localNodeId))
        {
            return InspectionResult.Reject(RejectionReason.NotAddressed, $"The notice is addressed to {string.Join(", ", notice.Audience.Nodes)}, not to this node ('{_localNodeId}').", envelope);
        }

        return InspectionResult.Accept(envelope, notice);
    }

    private InspectionResult? VerifySignature(Envelope envelope)
    {
        // One lookup on the normal path; telling an unknown signer from an unknown key only on a miss.
        if (!_trust.TryGet(envelope.Signer, envelope.KeyId, out var key))
        {
            return _trust.Knows(envelope.Signer)
                ? InspectionResult.Reject(RejectionReason.UnknownKey, $"Key '{Printable(envelope.KeyId)}' is not a trusted key of '{envelope.Signer}'.", envelope)
                : InspectionResult.Reject(RejectionReason.UnknownSigner, $"No key is trusted for signer '{Printable(envelope.Signer)}'.", envelope);
        }

        var input = SigningInput.Build(envelope.PayloadType, envelope.Signer, envelope.KeyId, envelope.Payload.Span);
        var valid = envelope.Signature.Length == Ed25519Keys.SignatureBytes
            && SignatureAlgorithm.Ed25519.Verify(key, input, envelope.Signature.Span);
        return valid ? null : InspectionResult.Reject(RejectionReason.BadSignature, $"The signature does not verify with key '{envelope.KeyId}' of '{envelope.Signer}'.", envelope);
    }

    // Values from a hostile peer go into logs and headers: cut them short and strip control characters.
    private static string Printable(string value) =>
        new(value.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
