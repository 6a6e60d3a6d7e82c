using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.Gateway.Receipts;

namespace IncidentExchange.Gateway.Inbound.Handlers;

/// <summary>An accepted incident notice (§10): an alert for this node's contact points and, when new, a DELIVERED receipt to its origin.</summary>
public sealed class NoticeHandler(AlertReceiver alerts, ReceiptSender receipts, GatewayMetrics metrics) : PayloadHandler<IncidentNotice>
{
    /// <inheritdoc />
    public override async Task HandleAsync(InboundMessage message, Envelope envelope, IncidentNotice payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(payload);
        // The origin re-alerts a critical notice nobody acknowledged (§13.1): shown once more, no new receipt.
        var reminder = message.Announcement == WireProtocol.AnnouncementReminder && payload.Severity == Severity.Critical;
        if (await alerts.ReceiveAsync(message, envelope, payload, reminder, cancellationToken))
        {
            metrics.NoticeAccepted();
            // None for this node's own notices: the sender skips those.
            await receipts.DeliveredAsync(payload, cancellationToken);
        }
    }
}
