using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Store.Deliveries;

/// <summary>A verified receipt for one of this node's notices.</summary>
/// <param name="NoticeId">The notice it is about.</param>
/// <param name="Revision">Its revision.</param>
/// <param name="Recipient">The node that sent it (its signer).</param>
/// <param name="Kind">Delivered or acknowledged.</param>
/// <param name="ClaimedAt">The time the receipt claims (the recipient's word).</param>
/// <param name="AcknowledgedBy">Who acknowledged (acknowledged receipts only).</param>
/// <param name="ReceivedAt">When it arrived here.</param>
public sealed record NoticeReceipt(string NoticeId, uint Revision, string Recipient, ReceiptKind Kind, DateTimeOffset ClaimedAt, string AcknowledgedBy, DateTimeOffset ReceivedAt);
