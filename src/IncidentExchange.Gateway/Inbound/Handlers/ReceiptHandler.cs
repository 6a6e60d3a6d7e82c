using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Checks;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.Gateway.Receipts;

namespace IncidentExchange.Gateway.Inbound.Handlers;

/// <summary>An accepted receipt for this node's notice or check (§13.1): kept in the history and entered in the delivery or check book.</summary>
public sealed class ReceiptHandler(InboundHistory history, DeliveryBook deliveries, CheckBook checks, GatewayMetrics metrics, TimeProvider time) : PayloadHandler<Receipt>
{
    /// <inheritdoc />
    public override async Task HandleAsync(InboundMessage message, Envelope envelope, Receipt payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        await history.RecordAsync(message, envelope, cancellationToken);
        if (payload.CheckId.Length > 0)
        {
            checks.Record(payload, time.GetUtcNow());
        }
        else if (deliveries.Record(payload, time.GetUtcNow()) is { } latency)
        {
            metrics.ReceiptArrived(payload.Kind == ReceiptKind.Acknowledged ? "acknowledged" : "delivered", latency);
        }
    }
}
