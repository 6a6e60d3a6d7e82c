namespace IncidentExchange.Store.Ledger;

/// <summary>
/// The publication ledger (protos/README.md §11): per origin, sequence numbers 1, 2, 3, … one per new (notice id,
/// revision), and per (notice id, revision) its sequence, issue time and content hash, for idempotent publishing.
/// A number is committed before the caller can give it to the broker, so it is never handed out twice, also across
/// gateways sharing one database; a number whose publish never completes stays consumed (receivers may see a gap).
/// </summary>
public interface ILedgerStore
{
    /// <summary>The entry for (<paramref name="noticeId"/>, <paramref name="revision"/>) of <paramref name="origin"/>, if it was ever reserved.</summary>
    Task<LedgerEntry?> FindAsync(string origin, string noticeId, uint revision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands out consecutive sequence numbers to the new (notice id, revision)s of <paramref name="requests"/>, in one
    /// transaction that survives a power cut once this returns. One already reserved (here, earlier in the batch, or by
    /// another gateway) keeps its entry, returned as stored: the caller compares its content hash.
    /// </summary>
    /// <returns>One entry per request, in order.</returns>
    Task<IReadOnlyList<LedgerEntry>> ReserveAsync(string origin, IReadOnlyList<Reservation> requests, CancellationToken cancellationToken = default);

    /// <summary>Records that the broker confirmed the envelopes of <paramref name="entries"/> (one transaction).</summary>
    Task ConfirmAsync(string origin, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number handed out for <paramref name="origin"/> so far (0 before the first).</summary>
    Task<ulong> LastSequenceAsync(string origin, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes entries that already carry their sequence numbers (an import of an older data folder): each is added
    /// unless its (notice id, revision) is stored, and the origin's counter is raised to the highest sequence seen.
    /// Refuses an entry whose sequence is held by another (notice id, revision).
    /// </summary>
    Task ImportAsync(string origin, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default);
}
