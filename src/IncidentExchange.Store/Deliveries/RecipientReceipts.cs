namespace IncidentExchange.Store.Deliveries;

/// <summary>What one intended recipient's receipts say about a notice, and whether it was re-alerted.</summary>
/// <param name="NodeId">The recipient.</param>
/// <param name="DeliveredAt">First delivery (an acknowledgement counts as one), as recorded.</param>
/// <param name="AcknowledgedAt">First acknowledgement, as recorded.</param>
/// <param name="AcknowledgedBy">Who acknowledged first.</param>
/// <param name="RealertedAt">When it was re-alerted after the acknowledgement deadline.</param>
/// <param name="RealertFailed">True if it could not be re-alerted (no route); it is not tried again.</param>
public sealed record RecipientReceipts(string NodeId, DateTimeOffset? DeliveredAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? RealertedAt, bool RealertFailed);
