using IncidentExchange.Messaging.Receiving;
using MassTransit;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>MassTransit consumer of the node's inbox; all the work is in <see cref="InboundRouter"/>.</summary>
public sealed class InboxConsumer(InboundRouter router) : IConsumer<InboundEnvelope>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<InboundEnvelope> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        return router.HandleAsync(new InboundMessage(message.Body, message.RoutingKey, message.MessageId, message.Announcement), context.CancellationToken);
    }
}
