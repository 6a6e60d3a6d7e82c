using IncidentExchange.Messaging.Receiving;
using MassTransit;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>MassTransit consumer of the node's inbox; all the work is in <see cref="InboundNoticeHandler"/>.</summary>
public sealed class InboxConsumer(InboundNoticeHandler handler) : IConsumer<InboundEnvelope>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<InboundEnvelope> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        return handler.HandleAsync(message.Body, message.RoutingKey, message.MessageId, context.CancellationToken);
    }
}
