using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Contacts;
using IncidentExchange.Gateway.Delivery;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.Gateway.Receipts;
using IncidentExchange.Gateway.Subscriptions;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// The receive path of a node: inspect (signature, signer, key validity, rules) → quarantine what fails →
/// records to the directory (which may still refuse a replay or a conflict), receipts to the delivery book →
/// notices deduplicated, stored for the durable subscriptions, delivered to live subscribers, and a DELIVERED
/// receipt sent to their origin. Bad input never throws out of here, so one hostile message cannot stop
/// the consumer.
/// </summary>
public sealed class InboundEnvelopeHandler(
    NodeIdentity identity,
    ContactBook contacts,
    RecentNotices recent,
    AlertFanout fanout,
    AlertStore alerts,
    ReceiptSender receipts,
    DeliveryBook deliveries,
    QuarantineWriter quarantine,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<InboundEnvelopeHandler> logger)
{
    /// <summary>Handles one inbound AMQP body; returns once it is delivered, stored or durably quarantined.</summary>
    /// <param name="body">The exact body.</param>
    /// <param name="routingKey">Routing key (logs and quarantine only).</param>
    /// <param name="messageId">AMQP message-id (logs and quarantine only).</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    /// <param name="hello">True if the sender asked for records in return (header incx-announcement: hello).</param>
    public async Task HandleAsync(ReadOnlyMemory<byte> body, string? routingKey, string? messageId, CancellationToken cancellationToken, bool hello = false)
    {
        var result = identity.Inspector.Inspect(body);
        if (!result.Accepted)
        {
            await QuarantineAsync(body, routingKey, messageId, result.Reason!.Value, result.Detail!, cancellationToken);
            return;
        }

        if (result.Receipt is not null)
        {
            deliveries.Record(result.Receipt, time.GetUtcNow());
            return;
        }

        if (result.Record is not null)
        {
            var decision = contacts.Receive(result, hello);
            if (decision.Outcome == RecordOutcome.Refused)
            {
                await QuarantineAsync(body, routingKey, messageId, decision.Reason!.Value, decision.Detail!, cancellationToken);
            }

            return;
        }

        var notice = result.Notice!;
        if (recent.Contains(notice.Origin, notice.NoticeId, notice.Revision))
        {
            metrics.DuplicateDeliverySuppressed();
            return;
        }

        // Into every durable subscription before the inbox message is acknowledged (and before it counts as
        // seen): if this fails, the broker delivers the notice again and nothing is lost.
        await alerts.StoreAsync(body, notice, time.GetUtcNow(), cancellationToken);
        recent.TryAdd(notice.Origin, notice.NoticeId, notice.Revision);
        metrics.NoticeAccepted();
        fanout.Publish(new Alert
        {
            Notice = notice,
            Signer = result.Envelope!.Signer,
            KeyId = result.Envelope.KeyId,
            SignatureVerified = true,
            ReceivedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        });
        if (notice.Origin != identity.NodeId)
        {
            await receipts.DeliveredAsync(notice, cancellationToken);
        }
    }

    private async Task QuarantineAsync(ReadOnlyMemory<byte> body, string? routingKey, string? messageId, RejectionReason reason, string detail, CancellationToken cancellationToken)
    {
        logger.LogWarning("Quarantined message {MessageId} from routing key {RoutingKey}: {Detail}", messageId, routingKey, detail);
        // If this throws (broker gone), the message is not acked and comes back: nothing is lost.
        await quarantine.QuarantineAsync(body, routingKey, messageId, reason, detail, cancellationToken);
        metrics.Quarantined(reason);
    }
}
