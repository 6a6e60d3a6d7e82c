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

    private InspectionResult InspectNotice(Envelope envelope, KeyLookup lookup) =>
        Check(envelope, lookup, IncidentNotice.Parser, notice => new Claims(
            notice.Origin, "a notice whose origin is", RejectionReason.InvalidNotice, "notice", NoticeValidator.Validate(notice), notice.IssuedAt,
            // A peer could put a TLP:RED notice for one node on notice.all: the signed audience decides who may read it.
            () => notice.Audience.All || notice.Audience.Nodes.Contains(_localNodeId) ? null
                : $"The notice is addressed to {string.Join(", ", notice.Audience.Nodes)}, not to this node ('{_localNodeId}')."),
            notice => InspectionResult.Accept(envelope, notice));

    // Every record goes to every node; its version is for the directory to judge.
    private InspectionResult InspectRecord(Envelope envelope, KeyLookup lookup) =>
        Check(envelope, lookup, ContactRecord.Parser, record => new Claims(
            record.NodeId, "a contact record of node", RejectionReason.InvalidRecord, "contact record", ContactRecordValidator.Validate(record), record.IssuedAt, () => null),
            record => InspectionResult.AcceptRecord(envelope, record));

    private InspectionResult InspectReceipt(Envelope envelope, KeyLookup lookup) =>
        Check(envelope, lookup, Receipt.Parser, receipt => new Claims(
            receipt.Recipient, "a receipt of node", RejectionReason.InvalidReceipt, "receipt", ReceiptValidator.Validate(receipt), receipt.At,
            () => receipt.NoticeOrigin == _localNodeId ? null : $"The receipt is for notices of '{receipt.NoticeOrigin}', not of this node ('{_localNodeId}')."),
            receipt => InspectionResult.AcceptReceipt(envelope, receipt));

    private InspectionResult InspectCheck(Envelope envelope, KeyLookup lookup) =>
        Check(envelope, lookup, CommunicationCheck.Parser, check => new Claims(
            check.Origin, "a check whose origin is", RejectionReason.InvalidCheck, "communication check", CheckValidator.Validate(check), check.IssuedAt,
            () => check.Targets.Contains(_localNodeId) ? null : $"The check is addressed to {string.Join(", ", check.Targets)}, not to this node ('{_localNodeId}')."),
            check => InspectionResult.AcceptCheck(envelope, check));

    private InspectionResult InspectResendRequest(Envelope envelope, KeyLookup lookup) =>
        Check(envelope, lookup, ResendRequest.Parser, request => ResendClaims(request.Requester, request.Origin, ResendRules.Validate(request), request.IssuedAt),
            request => InspectionResult.AcceptResend(envelope, request));

    private InspectionResult InspectResendReply(Envelope envelope, KeyLookup lookup) =>
        Check(envelope, lookup, ResendReply.Parser, reply => ResendClaims(reply.Origin, reply.Requester, ResendRules.Validate(reply), reply.IssuedAt),
            reply => InspectionResult.AcceptResend(envelope, reply));

    private Claims ResendClaims(string sender, string addressee, IReadOnlyList<string> errors, Timestamp issuedAt) =>
        new(sender, "a re-send message of", RejectionReason.InvalidResend, "re-send message", errors, issuedAt,
            () => addressee == _localNodeId ? null : $"The re-send message is for '{addressee}', not for this node ('{_localNodeId}').");

    // Steps 8-12 of §10, the same for every payload type: it parses, its sender signed it, it keeps its rules, the key
    // was valid at its time, and (the routing key is not signed) the payload itself says it is for this node.
    private InspectionResult Check<T>(Envelope envelope, KeyLookup lookup, MessageParser<T> parser, Func<T, Claims> claimsOf, Func<T, InspectionResult> accept)
        where T : class, IMessage<T>
    {
        if (Parse(envelope, parser) is not { } payload)
        {
            return MalformedPayload(envelope);
        }

        var claims = claimsOf(payload);
        if (claims.Sender != envelope.Signer)
        {
            return InspectionResult.Reject(RejectionReason.SignerNotOrigin, $"Node '{envelope.Signer}' signed {claims.SignedWhat} '{Printable(claims.Sender)}'.", envelope);
        }

        if (claims.Errors.Count > 0)
        {
            return InspectionResult.Reject(claims.Invalid, $"The {claims.What} is invalid: " + string.Join(" ", claims.Errors), envelope);
        }

        if (KeyInvalidAt(envelope, lookup, claims.IssuedAt) is { } keyFailure)
        {
            return keyFailure;
        }

        return !historical && claims.NotAddressed() is { } notAddressed
            ? InspectionResult.Reject(RejectionReason.NotAddressed, notAddressed, envelope)
            : accept(payload);
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

    // What a payload says of itself, for the checks every payload type gets. NotAddressed: why it is not for this node
    // (null if it is), asked only once the rules hold (before that, the fields it reads may be missing).
    private sealed record Claims(string Sender, string SignedWhat, RejectionReason Invalid, string What, IReadOnlyList<string> Errors, Timestamp IssuedAt, Func<string?> NotAddressed);
}
