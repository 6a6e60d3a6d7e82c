namespace IncidentExchange.Store.Deliveries;

/// <summary>
/// The delivery book at the origin: per published notice revision its intended recipients, the first delivered and
/// the first acknowledged receipt of each (later copies change nothing), and for critical notices the acknowledgement
/// deadline: the signed envelope is kept until every recipient acknowledged or was re-alerted once. Queried per
/// notice; nothing of it is held in memory.
/// </summary>
public interface IDeliveryStore
{
    /// <summary>Remembers a notice before it is published (a fast receipt must find it); the first call per revision wins.</summary>
    /// <returns>True if it was new.</returns>
    Task<bool> ExpectAsync(ExpectedDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>
    /// Once the broker confirmed a notice: a later revision ends the deadline of the earlier ones (their envelopes are
    /// dropped), and with <paramref name="deadlineEnvelope"/> (a critical notice of a live incident) this revision's
    /// deadline starts, keeping those signed bytes for re-alerting. Starting it twice changes nothing.
    /// </summary>
    /// <returns>True if anything changed.</returns>
    Task<bool> PublishedAsync(string noticeId, uint revision, byte[]? deadlineEnvelope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a verified receipt, its time bounded between publishing and arrival (<see cref="ReceiptClock"/>).
    /// An acknowledgement also counts as delivery if the delivered receipt never came.
    /// </summary>
    Task<ReceiptOutcome> RecordReceiptAsync(NoticeReceipt receipt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recipients of notices whose deadline runs, published at or before <paramref name="publishedUpTo"/> (now minus
    /// the deadline), that have not acknowledged and were not re-alerted yet, oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<OverdueRecipient>> DueForRealertAsync(DateTimeOffset publishedUpTo, int limit, CancellationToken cancellationToken = default);

    /// <summary>Records that an overdue recipient was re-alerted, or cannot be; the first mark counts.</summary>
    /// <returns>True if it changed anything.</returns>
    Task<bool> MarkRealertAsync(RealertMark mark, CancellationToken cancellationToken = default);

    /// <summary>The page of a notice revision (0 = the latest one published), or null if this node did not publish it (or it was compacted).</summary>
    Task<NoticeDelivery?> FindAsync(string noticeId, uint revision, CancellationToken cancellationToken = default);
}
