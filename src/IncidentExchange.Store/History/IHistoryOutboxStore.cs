namespace IncidentExchange.Store.History;

/// <summary>
/// The history copies not yet confirmed by the broker: appended before the inbox message they record is acknowledged,
/// deleted once the broker confirmed them. A gateway that starts again sends what is here, page by page; a copy
/// confirmed just before a crash (or in flight at the other gateway) may be sent twice, and replay drops such repeats.
/// </summary>
public interface IHistoryOutboxStore
{
    /// <summary>Appends copies in one transaction; returns their numbers, in order.</summary>
    Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<HistoryCopy> copies, CancellationToken cancellationToken = default);

    /// <summary>Removes the copies the broker confirmed.</summary>
    Task ConfirmAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default);

    /// <summary>Unconfirmed copies numbered above <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PendingHistoryCopy>> PendingAsync(long after, int limit, CancellationToken cancellationToken = default);
}
