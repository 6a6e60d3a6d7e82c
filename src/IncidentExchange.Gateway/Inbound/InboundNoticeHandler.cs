using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Delivery;
using IncidentExchange.Gateway.Observability;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// The receive path of a node: inspect (signature, signer, rules) → quarantine what fails →
/// drop duplicates → deliver to live subscribers. Bad input never throws out of here, so one
/// hostile message cannot stop the consumer.
/// </summary>
public sealed class InboundNoticeHandler(
    NodeIdentity identity,
    RecentNotices recent,
    AlertFanout fanout,
    QuarantineWriter quarantine,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<InboundNoticeHandler> logger)
{
    /// <summary>Handles one inbound AMQP body; returns once it is delivered or durably quarantined.</summary>
    public async Task HandleAsync(ReadOnlyMemory<byte> body, string? routingKey, string? messageId, CancellationToken cancellationToken)
    {
        var result = identity.Inspector.Inspect(body);
        if (!result.Accepted)
        {
            logger.LogWarning("Quarantined message {MessageId} from routing key {RoutingKey}: {Detail}", messageId, routingKey, result.Detail);
            // If this throws (broker gone), the message is not acked and comes back: nothing is lost.
            await quarantine.QuarantineAsync(body, routingKey, messageId, result.Reason!.Value, result.Detail!, cancellationToken);
            metrics.Quarantined(result.Reason.Value);
            return;
        }

        var notice = result.Notice!;
        if (!recent.TryAdd(notice.Origin, notice.NoticeId, notice.Revision))
        {
            metrics.DuplicateDeliverySuppressed();
            return;
        }

        metrics.NoticeAccepted();
        fanout.Publish(new Alert
        {
            Notice = notice,
            Signer = result.Envelope!.Signer,
            KeyId = result.Envelope.KeyId,
            SignatureVerified = true,
            ReceivedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        });
    }
}
