using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Inbound.Handlers;

/// <summary>An accepted reply to this node's re-send request (§13.3): kept in the history, where the gap check reads what the origin accounted for.</summary>
public sealed class ResendReplyHandler(InboundHistory history) : PayloadHandler<ResendReply>
{
    /// <inheritdoc />
    public override Task HandleAsync(InboundMessage message, Envelope envelope, ResendReply payload, CancellationToken cancellationToken) =>
        history.RecordAsync(message, envelope, cancellationToken).AsTask();
}
