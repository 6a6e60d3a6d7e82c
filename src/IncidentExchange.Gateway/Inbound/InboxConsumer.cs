using IncidentExchange.Messaging.Receiving;
using MassTransit;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>MassTransit consumer of the node's inbox; all the work is in <see cref="InboundEnvelopeHandler"/>.</summary>
public sealed class InboxConsumer(InboundEnvelopeHandler handler) : IConsumer<InboundEnvelope>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<InboundEnvelope> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        return handler.HandleAsync(message.Body, message.RoutingKey, message.MessageId, context.CancellationToken, message.Announcement);
    }
}
