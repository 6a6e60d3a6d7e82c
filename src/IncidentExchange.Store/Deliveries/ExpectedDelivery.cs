namespace IncidentExchange.Store.Deliveries;

/// <summary>A notice this node is about to publish, and the nodes it is meant for (every peer for a broadcast, or the named ones).</summary>
public sealed record ExpectedDelivery(string NoticeId, uint Revision, ulong Sequence, DateTimeOffset PublishedAt, IReadOnlyCollection<string> Recipients);
