namespace IncidentExchange.Store.Ledger;

/// <summary>A request for the next sequence number of a new (notice id, revision).</summary>
public sealed record Reservation(string NoticeId, uint Revision, string ContentHash, DateTimeOffset IssuedAt);
