namespace IncidentExchange.Store.Ledger;

/// <summary>What the ledger knows about one published (notice id, revision) of an origin.</summary>
/// <param name="NoticeId">Notice id.</param>
/// <param name="Revision">Revision.</param>
/// <param name="Sequence">Per-origin sequence number handed out for it.</param>
/// <param name="ContentHash">SHA-256 (hex) of the notice content as submitted.</param>
/// <param name="IssuedAt">Issue time written into the signed notice (whole milliseconds, so a re-send signs the same bytes).</param>
/// <param name="Confirmed">True once the broker confirmed the envelope.</param>
public sealed record LedgerEntry(string NoticeId, uint Revision, ulong Sequence, string ContentHash, DateTimeOffset IssuedAt, bool Confirmed);
