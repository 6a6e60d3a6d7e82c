namespace IncidentExchange.Store.Checks;

/// <summary>
/// The check book at the sender: every communication check this node sent and what its targets' receipts say. The
/// first receipt of each kind per target counts; receipts from nodes not asked, or for checks not sent here, change
/// nothing. The verdict (acknowledged, delivered, no answer) is the caller's, judged from the arrival times kept here.
/// </summary>
public interface ICheckStore
{
    /// <summary>Remembers a check before it is published (a fast receipt must find it); the first call per check wins.</summary>
    Task<bool> SentAsync(SentCheck check, CancellationToken cancellationToken = default);

    /// <summary>Records that nothing could be sent to <paramref name="nodeId"/>, and why; the first reason counts.</summary>
    Task<bool> NotSentAsync(string checkId, string nodeId, string detail, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records a verified receipt, its claimed time bounded between sending and arrival.</summary>
    /// <returns>True if it changed anything.</returns>
    Task<bool> RecordReceiptAsync(CheckReceipt receipt, CancellationToken cancellationToken = default);

    /// <summary>The page of one check, or null if this node did not send it (or it was compacted).</summary>
    Task<CheckRecord?> FindAsync(string checkId, CancellationToken cancellationToken = default);

    /// <summary>The last <paramref name="limit"/> checks recorded, newest first.</summary>
    Task<IReadOnlyList<CheckRecord>> RecentAsync(int limit, CancellationToken cancellationToken = default);
}
