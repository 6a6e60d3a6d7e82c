using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Checks;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Receipts;
using IncidentExchange.Core.Resends;
using IncidentExchange.Core.Validation;
using IncidentExchange.Core.Wire;
using NSec.Cryptography;

namespace IncidentExchange.Core.Inbound;

/// <summary>
/// The receive-side checks of protos/README.md, in order: size, envelope form, payload type,
/// signer and key, signature over the exact bytes, payload form, signer = origin, payload rules,
/// key valid at the payload's issue time, addressed to this node. The signature is checked before
/// the payload is parsed, so unauthenticated bytes are never interpreted. A record that passes still
/// has to be offered to the <see cref="ContactDirectory"/>, which decides on its version.
/// </summary>
/// <param name="directory">Pinned keys and records: which keys are valid for which node, when.</param>
/// <param name="localNodeId">This node's id: a notice addressed to other nodes is refused even if it arrives here.</param>
/// <param name="historical">
/// True to check an envelope taken from this node's history: keys are looked up in every held version of the
/// signer's record (<see cref="ContactDirectory.ResolveHistorical"/>), and the audience is not checked again (the
/// history holds only what this node sent or accepted).
/// </param>
public sealed class EnvelopeInspector(ContactDirectory directory, string localNodeId, bool historical = false)
{
    private static readonly HashSet<string> Accepted =
        new([PayloadTypes.IncidentNotice, PayloadTypes.ContactRecord, PayloadTypes.Receipt, PayloadTypes.CommunicationCheck, PayloadTypes.ResendRequest, PayloadTypes.ResendReply], StringComparer.Ordinal);

    private readonly ContactDirectory _directory = directory ?? throw new ArgumentNullException(nameof(directory));
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

        if (!Accepted.Contains(envelope.PayloadType))
        {
            return InspectionResult.Reject(RejectionReason.UnknownPayloadType, $"Payload type '{Printable(envelope.PayloadType)}' is not one this node accepts.", envelope);
        }

        var lookup = historical ? _directory.ResolveHistorical(envelope.Signer, envelope.KeyId) : _directory.Resolve(envelope.Signer, envelope.KeyId);
        if (VerifySignature(envelope, lookup) is { } failure)
        {
            return failure;
        }

        return envelope.PayloadType == PayloadTypes.IncidentNotice ? InspectNotice(envelope, lookup)
            : envelope.PayloadType == PayloadTypes.ContactRecord ? InspectRecord(envelope, lookup)
            : envelope.PayloadType == PayloadTypes.Receipt ? InspectReceipt(envelope, lookup)
            : envelope.PayloadType == PayloadTypes.CommunicationCheck ? InspectCheck(envelope, lookup)
            : envelope.PayloadType == PayloadTypes.ResendRequest ? InspectResendRequest(envelope, lookup)
            : InspectResendReply(envelope, lookup);
    }

    private InspectionResult InspectNotice(Envelope envelope, KeyLookup lookup)
    {
        if (Parse(envelope, IncidentNotice.Parser) is not { } notice)
        {
            return MalformedPayload(envelope);
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

        if (KeyInvalidAt(envelope, lookup, notice.IssuedAt) is { } keyFailure)
        {
            return keyFailure;
        }

        // The routing key is not signed: a peer could put a TLP:RED notice for one node on notice.all.
        // The signed audience decides who may read it.
        if (!historical && !notice.Audience.All && !notice.Audience.Nodes.Contains(_localNodeId))
        {
            return InspectionResult.Reject(RejectionReason.NotAddressed, $"The notice is addressed to {string.Join(", ", notice.Audience.Nodes)}, not to this node ('{_localNodeId}').", envelope);
        }

        return InspectionResult.Accept(envelope, notice);
    }

    private static InspectionResult InspectRecord(Envelope envelope, KeyLookup lookup)
    {
        if (Parse(envelope, ContactRecord.Parser) is not { } record)
        {
            return MalformedPayload(envelope);
        }

        if (record.NodeId != envelope.Signer)
        {
            return InspectionResult.Reject(RejectionReason.SignerNotOrigin, $"Node '{envelope.Signer}' signed a contact record of node '{Printable(record.NodeId)}'.", envelope);
        }

        var errors = ContactRecordValidator.Validate(record);
        if (errors.Count > 0)
        {
            return InspectionResult.Reject(RejectionReason.InvalidRecord, "The contact record is invalid: " + string.Join(" ", errors), envelope);
        }

        return KeyInvalidAt(envelope, lookup, record.IssuedAt) ?? InspectionResult.AcceptRecord(envelope, record);
    }

    private InspectionResult InspectReceipt(Envelope envelope, KeyLookup lookup)
    {
        if (Parse(envelope, Receipt.Parser) is not { } receipt)
        {
            return MalformedPayload(envelope);
        }

        if (receipt.Recipient != envelope.Signer)
        {
            return InspectionResult.Reject(RejectionReason.SignerNotOrigin, $"Node '{envelope.Signer}' signed a receipt of node '{Printable(receipt.Recipient)}'.", envelope);
        }

        var errors = ReceiptValidator.Validate(receipt);
        if (errors.Count > 0)
        {
            return InspectionResult.Reject(RejectionReason.InvalidReceipt, "The receipt is invalid: " + string.Join(" ", errors), envelope);
        }

        if (KeyInvalidAt(envelope, lookup, receipt.At) is { } keyFailure)
        {
            return keyFailure;
        }

        // Receipts go to the notice's origin only (routing key receipt.<origin>), but the key is not signed.
        return historical || receipt.NoticeOrigin == _localNodeId
            ? InspectionResult.AcceptReceipt(envelope, receipt)
            : InspectionResult.Reject(RejectionReason.NotAddressed, $"The receipt is for notices of '{receipt.NoticeOrigin}', not of this node ('{_localNodeId}').", envelope);
    }

    private InspectionResult InspectCheck(Envelope envelope, KeyLookup lookup)
    {
        if (Parse(envelope, CommunicationCheck.Parser) is not { } check)
        {
            return MalformedPayload(envelope);
        }

        if (check.Origin != envelope.Signer)
        {
            return InspectionResult.Reject(RejectionReason.SignerNotOrigin, $"Node '{envelope.Signer}' signed a check whose origin is '{Printable(check.Origin)}'.", envelope);
        }

        var errors = CheckValidator.Validate(check);
        if (errors.Count > 0)
        {
            return InspectionResult.Reject(RejectionReason.InvalidCheck, "The communication check is invalid: " + string.Join(" ", errors), envelope);
        }

        if (KeyInvalidAt(envelope, lookup, check.IssuedAt) is { } keyFailure)
        {
            return keyFailure;
        }

        // Like a notice's audience: the signed targets decide, not the routing key.
        return historical || check.Targets.Contains(_localNodeId)
            ? InspectionResult.AcceptCheck(envelope, check)
            : InspectionResult.Reject(RejectionReason.NotAddressed, $"The check is addressed to {string.Join(", ", check.Targets)}, not to this node ('{_localNodeId}').", envelope);
    }

    private InspectionResult InspectResendRequest(Envelope envelope, KeyLookup lookup)
    {
        if (Parse(envelope, ResendRequest.Parser) is not { } request)
        {
            return MalformedPayload(envelope);
        }

        return Resend(envelope, lookup, request.Requester, request.Origin, request.IssuedAt, ResendRules.Validate(request))
            ?? InspectionResult.AcceptResend(envelope, request);
    }

    private InspectionResult InspectResendReply(Envelope envelope, KeyLookup lookup)
    {
        if (Parse(envelope, ResendReply.Parser) is not { } reply)
        {
            return MalformedPayload(envelope);
        }

        return Resend(envelope, lookup, reply.Origin, reply.Requester, reply.IssuedAt, ResendRules.Validate(reply))
            ?? InspectionResult.AcceptResend(envelope, reply);
    }

    // Both directions: signed by their sender, valid, key valid at issued_at, and meant for this node.
    private InspectionResult? Resend(Envelope envelope, KeyLookup lookup, string sender, string addressee, Timestamp issuedAt, IReadOnlyList<string> errors)
    {
        if (sender != envelope.Signer)
        {
            return InspectionResult.Reject(RejectionReason.SignerNotOrigin, $"Node '{envelope.Signer}' signed a re-send message of '{Printable(sender)}'.", envelope);
        }

        if (errors.Count > 0)
        {
            return InspectionResult.Reject(RejectionReason.InvalidResend, "The re-send message is invalid: " + string.Join(" ", errors), envelope);
        }

        if (KeyInvalidAt(envelope, lookup, issuedAt) is { } keyFailure)
        {
            return keyFailure;
        }

        return historical || addressee == _localNodeId
            ? null
            : InspectionResult.Reject(RejectionReason.NotAddressed, $"The re-send message is for '{addressee}', not for this node ('{_localNodeId}').", envelope);
    }

    private InspectionResult? VerifySignature(Envelope envelope, KeyLookup lookup)
    {
        if (lookup.Status == KeyLookupStatus.UnknownSigner)
        {
            return InspectionResult.Reject(RejectionReason.UnknownSigner, $"No key is trusted for signer '{Printable(envelope.Signer)}'.", envelope);
        }

        if (lookup.Status == KeyLookupStatus.UnknownKey)
        {
            return InspectionResult.Reject(RejectionReason.UnknownKey, $"Key '{Printable(envelope.KeyId)}' is not a key of '{envelope.Signer}' ({KeySource(envelope.Signer)}).", envelope);
        }

        var input = SigningInput.Build(envelope.PayloadType, envelope.Signer, envelope.KeyId, envelope.Payload.Span);
        var valid = envelope.Signature.Length == Ed25519Keys.SignatureBytes
            && SignatureAlgorithm.Ed25519.Verify(lookup.Key!, input, envelope.Signature.Span);
        return valid ? null : InspectionResult.Reject(RejectionReason.BadSignature, $"The signature does not verify with key '{envelope.KeyId}' of '{envelope.Signer}'.", envelope);
    }

    private string KeySource(string signer) =>
        _directory.Get(signer)?.Current is { } current ? $"not in its contact record version {current.Record.Version}" : "not pinned for it";

    private static InspectionResult? KeyInvalidAt(Envelope envelope, KeyLookup lookup, Timestamp issuedAt) =>
        SigningKeyRules.CheckAt(lookup, issuedAt, envelope.Signer, envelope.KeyId) is { } invalid
            ? InspectionResult.Reject(invalid.Reason, invalid.Detail, envelope)
            : null;

    private static T? Parse<T>(Envelope envelope, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        try
        {
            return parser.ParseFrom(envelope.Payload);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static InspectionResult MalformedPayload(Envelope envelope) =>
        InspectionResult.Reject(RejectionReason.MalformedPayload, $"The signed payload is not a protobuf {envelope.PayloadType}.", envelope);

    // Values from a hostile peer go into logs and headers: cut them short and strip control characters.
    private static string Printable(string value) => PeerValues.Printable(value);
}
