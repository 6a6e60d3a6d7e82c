using System.Threading.Channels;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Delivery;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>
/// One connected client of a durable subscription: an exclusive consumer of its queue on its own channel.
/// Deliveries stay unacknowledged at the broker until the contact point acknowledges them, so whatever is
/// not acknowledged when the client goes away is delivered again on its next connection. The prefetch
/// bounds how many alerts are out at once: a slow client gets back-pressure, the gateway's memory stays flat.
/// </summary>
public sealed class SubscriptionSession : IAsyncDisposable
{
    private readonly IChannel _channel;
    private readonly AlertFilter _filter;
    private readonly Channel<Alert> _alerts;
    // Per notice (or check): the alert shown and every delivery of it still unacknowledged at the broker.
    private readonly Dictionary<(string Origin, string Id, uint Revision), (List<ulong> Tags, Alert Alert)> _pending = [];
    private readonly Lock _lock = new();

    private SubscriptionSession(string name, IChannel channel, AlertFilter filter, int prefetch)
    {
        Name = name;
        _channel = channel;
        _filter = filter;
        _alerts = Channel.CreateBounded<Alert>(prefetch);
    }

    /// <summary>The subscription's name.</summary>
    public string Name { get; }

    /// <summary>Alerts to write to the client, in delivery order (critical ones first when a backlog waits).</summary>
    public ChannelReader<Alert> Alerts => _alerts.Reader;

    /// <summary>Starts consuming <paramref name="queue"/> exclusively on <paramref name="channel"/> (which the session then owns).</summary>
    public static async Task<SubscriptionSession> StartAsync(string name, string queue, IChannel channel, AlertFilter filter, int prefetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var session = new SubscriptionSession(name, channel, filter, prefetch);
        await channel.BasicQosAsync(0, (ushort)Math.Min(prefetch, ushort.MaxValue), global: false, cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += session.OnDeliveryAsync;
        // Broker gone, subscription deleted, consumer cancelled: end the client's stream instead of leaving it silent.
        channel.ChannelShutdownAsync += (_, reason) =>
        {
            session._alerts.Writer.TryComplete(new SubscriptionUnavailableException($"The subscription '{name}' was closed by the broker ({reason.ReplyText}); reconnect."));
            return Task.CompletedTask;
        };
        consumer.UnregisteredAsync += (_, _) =>
        {
            session._alerts.Writer.TryComplete(new SubscriptionUnavailableException($"The subscription '{name}' was cancelled by the broker (deleted or expired)."));
            return Task.CompletedTask;
        };
        // Exclusive: a second client of the same subscription is refused instead of splitting its alerts.
        await channel.BasicConsumeAsync(queue, autoAck: false, consumerTag: "", noLocal: false, exclusive: true, arguments: null, consumer, cancellationToken);
        return session;
    }

    /// <summary>
    /// Acknowledges pending alerts of <paramref name="id"/>, a notice id (any origin/revision when empty/0) or a
    /// check id; returns the alerts acknowledged.
    /// </summary>
    public async Task<IReadOnlyList<Alert>> AcknowledgeAsync(string id, string origin, uint revision, CancellationToken cancellationToken)
    {
        (List<ulong> Tags, Alert Alert)[] acked;
        lock (_lock)
        {
            var matches = _pending.Where(p => p.Key.Id == id && (origin.Length == 0 || p.Key.Origin == origin) && (revision == 0 || p.Key.Revision == revision)).ToArray();
            foreach (var match in matches)
            {
                _pending.Remove(match.Key);
            }

            acked = matches.Select(m => m.Value).ToArray();
        }

        foreach (var tag in acked.SelectMany(a => a.Tags))
        {
            await _channel.BasicAckAsync(tag, multiple: false, cancellationToken);
        }

        return acked.Select(a => a.Alert).ToArray();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _alerts.Writer.TryComplete();
        // Closing the channel returns every unacknowledged alert to the queue, still pending.
        try
        {
            await _channel.CloseAsync();
        }
        catch (AlreadyClosedException)
        {
            // The broker closed it first (it went away, or the subscription was deleted).
        }

        _channel.Dispose();
    }

    private async Task OnDeliveryAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var alert = AlertDecoding.FromEnvelope(delivery.Body.Span, delivery.BasicProperties);
        if (alert is null || !_filter.Matches(alert))
        {
            // Not for this subscription (or not readable, which only a bug could cause): nothing to keep pending.
            await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            return;
        }

        var key = AlertDecoding.Key(alert);
        var show = true;
        lock (_lock)
        {
            if (_pending.TryGetValue(key, out var pending))
            {
                // A reminder is shown again on purpose and acknowledged together with the first copy.
                show = alert.Reminder;
                if (show)
                {
                    pending.Tags.Add(delivery.DeliveryTag);
                }
            }
            else
            {
                _pending[key] = ([delivery.DeliveryTag], alert);
            }
        }

        if (!show)
        {
            // A second copy of an alert this client already has pending: shown once.
            await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            return;
        }

        alert.Subscription = Name;
        alert.Redelivered = delivery.Redelivered;
        await _alerts.Writer.WriteAsync(alert);
    }
}
