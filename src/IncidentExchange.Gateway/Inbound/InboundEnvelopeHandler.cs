using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Checks;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Contacts;
using IncidentExchange.Gateway.Delivery;
using IncidentExchange.Gateway.History;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.Gateway.Receipts;
using IncidentExchange.Gateway.Resends;
using IncidentExchange.Gateway.Subscriptions;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// The receive path of a node: inspect (signature, signer, key validity, rules) → quarantine what fails →
/// records to the directory (which may still refuse a replay or a conflict), receipts to the delivery or check
/// book → notices and communication checks deduplicated, stored for the durable subscriptions, delivered to live
/// subscribers, and a DELIVERED receipt sent to their origin. Bad input never throws out of here, so one hostile message cannot stop
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
    CheckBook checks,
    QuarantineWriter quarantine,
    HistoryRecorder history,
    HistoryOutbox historyOutbox,
    ResendResponder resends,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<InboundEnvelopeHandler> logger)
{
    /// <summary>Handles one inbound AMQP body; returns once it is delivered, stored or durably quarantined.</summary>
    /// <param name="body">The exact body.</param>
    /// <param name="routingKey">Routing key (logs and quarantine only).</param>
    /// <param name="messageId">AMQP message-id (logs and quarantine only).</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    /// <param name="announcement">Header incx-announcement: <c>hello</c> on a record asks for records in return,
    /// <c>reminder</c> on a critical notice asks to show it again. A hint; the envelope is verified all the same.</param>
    public async Task HandleAsync(ReadOnlyMemory<byte> body, string? routingKey, string? messageId, CancellationToken cancellationToken, string? announcement = null)
    {
        using var activity = GatewayTelemetry.Source.StartActivity("incx.receive", ActivityKind.Consumer);
        activity?.SetTag("messaging.message.id", messageId).SetTag("messaging.rabbitmq.destination.routing_key", routingKey);
        var result = identity.Inspector.Inspect(body);
        activity?.SetTag("incx.payload_type", result.Envelope?.PayloadType).SetTag("incx.signer", result.Envelope?.Signer).SetTag("incx.outcome", "accepted");
        if (!result.Accepted)
        {
            await QuarantineAsync(body, routingKey, messageId, result.Reason!.Value, result.Detail!, cancellationToken);
            return;
        }

        if (result.Receipt is { } receipt)
        {
            await RecordAsync(body, result.Envelope!, messageId ?? "", cancellationToken);
            if (receipt.CheckId.Length > 0)
            {
                checks.Record(receipt, time.GetUtcNow());
            }
            else if (deliveries.Record(receipt, time.GetUtcNow()) is { } latency)
            {
                metrics.ReceiptArrived(receipt.Kind == ReceiptKind.Acknowledged ? "acknowledged" : "delivered", latency);
            }

            return;
        }

        if (result.ResendRequest is { } resendRequest)
        {
            await RecordAsync(body, result.Envelope!, messageId ?? "", cancellationToken);
            resends.Enqueue(resendRequest);
            return;
        }

        if (result.ResendReply is not null)
        {
            // Kept in the history, where the gap check reads what the origin accounted for.
            await RecordAsync(body, result.Envelope!, messageId ?? "", cancellationToken);
            return;
        }

        if (result.Record is not null)
        {
            var decision = contacts.Receive(result, announcement == WireProtocol.AnnouncementHello);
            if (decision.Outcome == RecordOutcome.Refused)
            {
                await QuarantineAsync(body, routingKey, messageId, decision.Reason!.Value, decision.Detail!, cancellationToken);
            }
            else if (decision.Outcome == RecordOutcome.Accepted && result.Record.NodeId != identity.NodeId)
            {
                // A new version of a peer's record (re-announcements of held versions are duplicates, not history).
                await RecordAsync(body, result.Envelope!, messageId ?? "", cancellationToken);
            }

            return;
        }

        var alert = new Alert
        {
            Notice = result.Notice,
            Check = result.Check,
            Signer = result.Envelope!.Signer,
            KeyId = result.Envelope.KeyId,
            SignatureVerified = true,
            ReceivedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        };
        await ReceiveAlertAsync(body, result.Envelope, alert, announcement == WireProtocol.AnnouncementReminder && alert.Notice?.Severity == Severity.Critical, cancellationToken);
    }

    // A notice or a check: deduplicated, stored for the durable subscriptions, shown live, and a DELIVERED receipt.
    private async Task ReceiveAlertAsync(ReadOnlyMemory<byte> body, Envelope envelope, Alert alert, bool reminder, CancellationToken cancellationToken)
    {
        var (origin, id, revision) = AlertDecoding.Key(alert);
        var firstTime = !recent.Contains(origin, id, revision);
        // A reminder of a notice already here is shown once more (once per process: the origin re-alerts once).
        if (!firstTime && !(reminder && !recent.ContainsReminder(origin, id, revision)))
        {
            Activity.Current?.SetTag("incx.outcome", "duplicate");
            metrics.DuplicateDeliverySuppressed();
            return;
        }

        alert.Reminder = reminder;
        // Into every durable subscription before the inbox message is acknowledged (and before it counts as
        // seen): if this fails, the broker delivers it again and nothing is lost.
        await alerts.StoreAsync(body, alert, reminder, cancellationToken);
        fanout.Publish(alert);
        if (!firstTime)
        {
            recent.TryAddReminder(origin, id, revision);
            return;
        }

        recent.TryAdd(origin, id, revision);
        if (origin != identity.NodeId)
        {
            // In the background: a confirm per notice here would halve what the inbox can take (see deploy/PERFORMANCE.md).
            await RecordAsync(body, envelope, $"{id}/{revision}", cancellationToken);
        }

        if (alert.Check is { } check)
        {
            metrics.CheckReceived();
            await receipts.DeliveredAsync(check, cancellationToken);
            return;
        }

        metrics.NoticeAccepted();
        if (origin != identity.NodeId)
        {
            await receipts.DeliveredAsync(alert.Notice, cancellationToken);
        }
    }

    // The history copy of an accepted envelope: journaled now (before the inbox message is acknowledged), written
    // to the stream in the background by the outbox.
    private ValueTask RecordAsync(ReadOnlyMemory<byte> body, Envelope envelope, string messageId, CancellationToken cancellationToken) =>
        historyOutbox.EnqueueAsync(history.ReceivedEntry(body, envelope.Signer, envelope.PayloadType, messageId), cancellationToken);

    private async Task QuarantineAsync(ReadOnlyMemory<byte> body, string? routingKey, string? messageId, RejectionReason reason, string detail, CancellationToken cancellationToken)
    {
        logger.LogWarning("Quarantined message {MessageId} from routing key {RoutingKey}: {Detail}", messageId, routingKey, detail);
        Activity.Current?.SetTag("incx.outcome", "quarantined").SetTag("incx.reason", reason.Slug()).SetStatus(ActivityStatusCode.Error, detail);
        // If this throws (broker gone), the message is not acked and comes back: nothing is lost.
        await quarantine.QuarantineAsync(body, routingKey, messageId, reason, detail, cancellationToken);
        metrics.Quarantined(reason);
    }
}
