using Google.Protobuf;

namespace IncidentExchange.Core.Inbound.Payloads;

/// <summary>
/// What the receive-side checks need to know of one payload type (protos/README.md §10, steps 4 and 8–12): how it
/// parses, who must have signed it, which rules it keeps, when it was issued and whether it is for this node. The
/// <see cref="EnvelopeInspector"/> runs the steps, in order, for every type alike; derive from
/// <see cref="PayloadRules{T}"/> rather than implementing this directly.
/// </summary>
public interface IPayloadRules
{
    /// <summary>The <c>payload_type</c> an envelope names, e.g. <c>incx.v1.IncidentNotice</c>.</summary>
    string PayloadType { get; }

    /// <summary>How rejection details name it: "The <c>notice</c> is invalid: ...".</summary>
    string Name { get; }

    /// <summary>How a <c>signer-not-origin</c> detail names what was signed: "Node 'ee' signed <c>a notice whose origin is</c> 'jp'."</summary>
    string SignedWhat { get; }

    /// <summary>The reason given when the payload breaks its rules (step 10), e.g. <c>invalid-notice</c>.</summary>
    RejectionReason Invalid { get; }

    /// <summary>Step 8: the payload as its message type; throws <see cref="InvalidProtocolBufferException"/> if it is not one.</summary>
    IMessage Parse(ByteString payload);

    /// <summary>Steps 9–11: what the payload says of itself (one of <see cref="Parse"/>'s results).</summary>
    PayloadClaims Claims(IMessage payload);

    /// <summary>Step 12: why the payload is not for <paramref name="localNodeId"/>, or null if it is. Asked only once its rules hold.</summary>
    string? NotAddressed(IMessage payload, string localNodeId);
}
