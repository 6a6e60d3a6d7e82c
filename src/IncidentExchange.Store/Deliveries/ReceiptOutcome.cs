namespace IncidentExchange.Store.Deliveries;

/// <summary>What recording a receipt did.</summary>
/// <param name="PublishedAt">When the notice was published, if this node published it (for the receipt latency).</param>
/// <param name="Changed">False for a repeat, a receipt from a node outside the audience, or one for an unknown notice.</param>
public sealed record ReceiptOutcome(DateTimeOffset? PublishedAt, bool Changed);
