using System.Collections.Concurrent;
using System.Threading.Channels;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Delivery;

/// <summary>
/// Hands each accepted alert to every live subscriber whose filter matches. Each subscriber has a
/// bounded buffer; one that falls behind is cut off, so a slow client never slows the inbox
/// consumer or other subscribers, and memory stays bounded.
/// </summary>
public sealed class AlertFanout(IOptions<NodeOptions> options)
{
    private readonly ConcurrentDictionary<Guid, Subscriber> _subscribers = new();
    private readonly int _buffer = options?.Value.SubscriberBuffer ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Live subscribers right now.</summary>
    public int SubscriberCount => _subscribers.Count;

    /// <summary>Registers a subscriber; dispose the result to leave.</summary>
    public Subscription Subscribe(AlertFilter filter)
    {
        var channel = Channel.CreateBounded<Alert>(new BoundedChannelOptions(_buffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var id = Guid.NewGuid();
        _subscribers[id] = new Subscriber(filter, channel.Writer);
        return new Subscription(channel.Reader, () => _subscribers.TryRemove(id, out _));
    }

    /// <summary>Offers <paramref name="alert"/> to every matching subscriber without waiting.</summary>
    public void Publish(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        foreach (var (id, subscriber) in _subscribers)
        {
            if (subscriber.Filter.Matches(alert) && !subscriber.Writer.TryWrite(alert))
            {
                subscriber.Writer.TryComplete(new SubscriberTooSlowException(_buffer));
                _subscribers.TryRemove(id, out _);
            }
        }
    }

    private sealed record Subscriber(AlertFilter Filter, ChannelWriter<Alert> Writer);
}
