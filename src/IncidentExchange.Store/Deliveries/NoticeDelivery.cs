namespace IncidentExchange.Store.Deliveries;

/// <summary>The delivery book's page for one published notice revision.</summary>
/// <param name="NoticeId">Notice id.</param>
/// <param name="Revision">Revision.</param>
/// <param name="Sequence">Its sequence number.</param>
/// <param name="PublishedAt">When it was published (the ledger's issue time).</param>
/// <param name="Critical">True once its acknowledgement deadline started (a confirmed critical notice of a live incident).</param>
/// <param name="Recipients">Every intended recipient, in ordinal order of node id.</param>
public sealed record NoticeDelivery(string NoticeId, uint Revision, ulong Sequence, DateTimeOffset PublishedAt, bool Critical, IReadOnlyList<RecipientReceipts> Recipients);
