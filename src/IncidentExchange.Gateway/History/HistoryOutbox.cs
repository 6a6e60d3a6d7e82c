using IncidentExchange.Gateway.Outboxes;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.History;

/// <summary>
/// Writes the history copies of what the inbox accepted, in the background, many per round trip. A graceful stop sends
/// what is queued; what a crash loses is lost from the history only (the envelopes were delivered): the gap check then
/// reports those notices as missing, and a re-send request brings them back into the history.
/// </summary>
public sealed class HistoryOutbox(ConfirmingPublisher publisher, ILogger<HistoryOutbox> logger) : Outbox(publisher, logger)
{
    /// <summary>Queues one history copy.</summary>
    public ValueTask EnqueueAsync(OutgoingMessage entry, CancellationToken cancellationToken) => EnqueueAsync([entry], cancellationToken);
}
