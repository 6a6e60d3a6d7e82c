using System.Globalization;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Messaging.Publishing;
using IncidentExchange.Messaging.Topology;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>
/// Puts each accepted notice, as its verified envelope, into the node's alert exchange, from where the broker
/// copies it into every durable subscription queue (with a priority from its severity).
/// </summary>
public sealed class AlertStore(NodeIdentity identity, ConfirmingPublisher publisher)
{
    /// <summary>Returns once the broker confirmed it (or there is no subscription to take it).</summary>
    public Task StoreAsync(ReadOnlyMemory<byte> envelope, IncidentNotice notice, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var headers = new Dictionary<string, string>
        {
            [AlertDecoding.ReceivedAtHeader] = receivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        // Not mandatory: a node without subscriptions is normal, and the alert simply has nowhere to wait.
        var message = new OutgoingMessage(NodeQueues.Alerts(identity.NodeId), "", envelope, $"{notice.Origin}/{notice.NoticeId}/{notice.Revision}", headers, AlertPriorities.For(notice.Severity), Mandatory: false);
        return publisher.PublishAsync([message], cancellationToken);
    }
}
