using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.Gateway.Receipts;

namespace IncidentExchange.Gateway.Inbound.Handlers;

/// <summary>An accepted communication check (§13.2): put before every contact point of this node and, when new, answered with a DELIVERED receipt.</summary>
public sealed class CheckHandler(AlertReceiver alerts, ReceiptSender receipts, GatewayMetrics metrics) : PayloadHandler<CommunicationCheck>
{
    /// <inheritdoc />
    public override async Task HandleAsync(InboundMessage message, Envelope envelope, CommunicationCheck payload, CancellationToken cancellationToken)
    {
        if (await alerts.ReceiveAsync(message, envelope, payload, reminder: false, cancellationToken))
        {
            metrics.CheckReceived();
            await receipts.DeliveredAsync(payload, cancellationToken);
        }
    }
}
