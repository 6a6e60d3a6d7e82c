using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Receipts;

namespace IncidentExchange.Core.Inbound.Payloads;

/// <summary><c>incx.v1.Receipt</c> (§13.1): signed by its recipient, about a notice or check of this node; the key valid at <c>at</c>.</summary>
public sealed class ReceiptRules() : PayloadRules<Receipt>("receipt", "a receipt of node", RejectionReason.InvalidReceipt)
{
    /// <inheritdoc />
    public override PayloadClaims Claims(Receipt payload) =>
        new(payload.Recipient, ReceiptValidator.Validate(payload), payload.At);

    /// <inheritdoc />
    public override string? NotAddressed(Receipt payload, string localNodeId) =>
        payload.NoticeOrigin == localNodeId ? null : $"The receipt is for notices of '{payload.NoticeOrigin}', not of this node ('{localNodeId}').";
}
