using IncidentExchange.Gateway.Outboxes;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.Receipts;

/// <summary>
/// Sends receipts in the background, each with its history copy (which follows only a receipt that went out).
/// Receipts that fail are logged and dropped (the origin's status shows them pending); notices are never affected.
/// A graceful stop sends what is queued; a crash loses it.
/// </summary>
public sealed class ReceiptOutbox(ConfirmingPublisher publisher, ILogger<ReceiptOutbox> logger) : Outbox(publisher, logger)
{
    /// <summary>Queues a receipt and its history copy.</summary>
    public ValueTask EnqueueAsync(OutgoingMessage receipt, OutgoingMessage history, CancellationToken cancellationToken) =>
        EnqueueAsync([receipt, history], cancellationToken);
}
