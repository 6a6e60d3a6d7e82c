using System.Threading.Channels;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Delivery;

/// <summary>One live subscriber's feed of alerts.</summary>
public sealed class Subscription(ChannelReader<Alert> reader, Action leave) : IDisposable
{
    /// <summary>Alerts for this subscriber; completes with <see cref="SubscriberTooSlowException"/> if it falls behind.</summary>
    public ChannelReader<Alert> Alerts { get; } = reader;

    /// <inheritdoc />
    public void Dispose() => leave();
}
