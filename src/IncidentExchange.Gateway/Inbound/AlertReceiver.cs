using System.Diagnostics;
using Google.Protobuf;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Delivery;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.Gateway.Subscriptions;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// What an accepted notice and an accepted communication check share (protos/README.md §10, Dedup, Accepted and
/// Reminder): deduplicated, stored for the durable subscriptions, shown to live subscribers, copied to the history.
/// </summary>
public sealed class AlertReceiver(
    NodeIdentity identity, RecentNotices recent, AlertStore alerts, AlertFanout fanout, InboundHistory history, GatewayMetrics metrics, TimeProvider time)
{
    /// <summary>
    /// Puts the alert of <paramref name="payload"/> (a notice or a check) before this node's contact points. True if it is
    /// new here (the caller then counts it and sends its DELIVERED receipt); false for a duplicate, dropped, or a
    /// <paramref name="reminder"/> of one already here, shown once more.
    /// </summary>
    public async Task<bool> ReceiveAsync(InboundMessage message, Envelope envelope, IMessage payload, bool reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var alert = AlertDecoding.Of(envelope, payload, time.GetUtcNow())
            ?? throw new ArgumentException($"A {payload.Descriptor.FullName} is not an alert: only notices and checks are.", nameof(payload));
        var (origin, id, revision) = AlertDecoding.Key(alert);
        var firstTime = !recent.Contains(origin, id, revision);
        // A reminder of a notice already here is shown once more (once per process: the origin re-alerts once).
        if (!firstTime && !(reminder && !recent.ContainsReminder(origin, id, revision)))
        {
            Activity.Current?.SetTag("incx.outcome", "duplicate");
            metrics.DuplicateDeliverySuppressed();
            return false;
        }

        alert.Reminder = reminder;
        // Into every durable subscription before the inbox message is acknowledged (and before it counts as
        // seen): if this fails, the broker delivers it again and nothing is lost.
        await alerts.StoreAsync(message.Body, alert, reminder, cancellationToken);
        fanout.Publish(alert);
        if (!firstTime)
        {
            recent.TryAddReminder(origin, id, revision);
            return false;
        }

        recent.TryAdd(origin, id, revision);
        if (origin != identity.NodeId)
        {
            // In the background: a confirm per notice here would halve what the inbox can take (see deploy/PERFORMANCE.md).
            await history.RecordAsync(message, envelope, $"{id}/{revision}", cancellationToken);
        }

        return true;
    }
}
