using System.Globalization;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Messaging;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>
/// Puts each accepted notice or communication check, as its verified envelope, into the queue of every durable
/// subscription whose filter it matches (with a priority from its severity; checks as high notices: a person is
/// asked to answer, but a critical incident still comes first), through the default exchange.
/// </summary>
public sealed class AlertStore(DurableSubscriptions subscriptions, ConfirmingPublisher publisher)
{
    /// <summary>
    /// Returns once the broker confirmed every copy (at once if no subscription wants it). A <paramref name="reminder"/>
    /// copy is marked so the contact point sees it is shown again on purpose.
    /// </summary>
    public async Task StoreAsync(ReadOnlyMemory<byte> envelope, Alert alert, bool reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var queues = await subscriptions.MatchingQueuesAsync(alert, cancellationToken);
        if (queues.Count == 0)
        {
            return;
        }

        var headers = new Dictionary<string, string>
        {
            [AlertDecoding.ReceivedAtHeader] = alert.ReceivedAt.ToDateTimeOffset().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        if (reminder)
        {
            headers[AlertDecoding.ReminderHeader] = "1";
        }

        var (id, priority) = alert.Check is { } check
            ? ($"check/{check.Origin}/{check.CheckId}", AlertPriorities.For(Severity.High))
            : ($"{alert.Notice.Origin}/{alert.Notice.NoticeId}/{alert.Notice.Revision}", AlertPriorities.For(alert.Notice.Severity));
        var messages = queues.Select(queue => new OutgoingMessage("", queue, envelope, id, headers, priority)).ToArray();
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
