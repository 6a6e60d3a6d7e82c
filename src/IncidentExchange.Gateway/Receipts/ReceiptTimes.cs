using Google.Protobuf.WellKnownTypes;

namespace IncidentExchange.Gateway.Receipts;

/// <summary>How the origin turns the time a receipt claims into the time it records.</summary>
public static class ReceiptTimes
{
    /// <summary>
    /// The receipt's own time is the recipient's word: kept only between the moment the notice or check was sent
    /// (<paramref name="sentAt"/>, if known) and the moment the receipt arrived here, so a wrong clock (or a
    /// backdating key thief) cannot show a time that cannot be.
    /// </summary>
    public static DateTimeOffset Bounded(Timestamp claimed, DateTimeOffset? sentAt, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var at = claimed.ToDateTimeOffset();
        if (sentAt is { } sent && at < sent)
        {
            at = sent;
        }

        return at > receivedAt ? receivedAt : at;
    }

    /// <summary>A protobuf timestamp, or null (unset field) for no time.</summary>
    public static Timestamp? ToTimestamp(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
