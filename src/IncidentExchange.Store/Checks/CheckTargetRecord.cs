namespace IncidentExchange.Store.Checks;

/// <summary>What one target of a check answered, with the times its receipts claim and the times they arrived.</summary>
/// <param name="NodeId">The target.</param>
/// <param name="DeliveredAt">Delivery time, as the receipt claimed it (bounded).</param>
/// <param name="DeliveredArrivedAt">When the first delivery (or acknowledgement) arrived.</param>
/// <param name="AcknowledgedAt">Acknowledgement time, as the receipt claimed it (bounded).</param>
/// <param name="AcknowledgedArrivedAt">When the first acknowledgement arrived.</param>
/// <param name="AcknowledgedBy">Who acknowledged.</param>
/// <param name="NotSent">Why nothing (or maybe nothing) was sent to it, if so.</param>
public sealed record CheckTargetRecord(
    string NodeId,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? DeliveredArrivedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? AcknowledgedArrivedAt,
    string? AcknowledgedBy,
    string? NotSent);
