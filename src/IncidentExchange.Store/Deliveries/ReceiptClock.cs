namespace IncidentExchange.Store.Deliveries;

/// <summary>How the origin turns the time a receipt claims into the time it records (protos/README.md §13.1).</summary>
public static class ReceiptClock
{
    /// <summary>
    /// The receipt's own time is the recipient's word: kept only between the moment the notice or check was sent
    /// (<paramref name="sentAt"/>, if known) and the moment the receipt arrived here, so a wrong clock (or a
    /// backdating key thief) cannot show a time that cannot be.
    /// </summary>
    public static DateTimeOffset Bounded(DateTimeOffset claimed, DateTimeOffset? sentAt, DateTimeOffset receivedAt)
    {
        var at = sentAt is { } sent && claimed < sent ? sent : claimed;
        return at > receivedAt ? receivedAt : at;
    }
}
