using System.Globalization;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Messaging;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>
/// Puts each accepted notice, as its verified envelope, into the queue of every durable subscription whose
/// filter it matches (with a priority from its severity), through the default exchange.
/// </summary>
public sealed class AlertStore(DurableSubscriptions subscriptions, ConfirmingPublisher publisher)
{
    /// <summary>Returns once the broker confirmed every copy (at once if no subscription wants it).</summary>
    public async Task StoreAsync(ReadOnlyMemory<byte> envelope, IncidentNotice notice, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var queues = await subscriptions.MatchingQueuesAsync(notice, cancellationToken);
        if (queues.Count == 0)
        {
            return;
        }

        var headers = new Dictionary<string, string>
        {
            [AlertDecoding.ReceivedAtHeader] = receivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        var id = $"{notice.Origin}/{notice.NoticeId}/{notice.Revision}";
        var messages = queues.Select(queue => new OutgoingMessage("", queue, envelope, id, headers, AlertPriorities.For(notice.Severity))).ToArray();
        try
        {
            await publisher.PublishAsync(messages, cancellationToken);
        }
        catch (UnroutableException)
        {
            // A subscription expired or was deleted since the list was read: read it again, and let the inbox retry.
            subscriptions.Forget(queues);
            throw;
        }
    }
}
