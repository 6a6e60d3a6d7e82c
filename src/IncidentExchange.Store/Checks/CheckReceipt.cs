using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Store.Checks;

/// <summary>A verified receipt that answers one of this node's checks.</summary>
/// <param name="CheckId">The check.</param>
/// <param name="Recipient">The target that sent it.</param>
/// <param name="Kind">Delivered or acknowledged.</param>
/// <param name="ClaimedAt">The time the receipt claims (shown, bounded, never used for the verdict).</param>
/// <param name="AcknowledgedBy">Who acknowledged (acknowledged receipts only).</param>
/// <param name="ArrivedAt">When it arrived here: outcomes are judged by this.</param>
public sealed record CheckReceipt(string CheckId, string Recipient, ReceiptKind Kind, DateTimeOffset ClaimedAt, string AcknowledgedBy, DateTimeOffset ArrivedAt);
