using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Resends;

namespace IncidentExchange.Gateway.Inbound.Handlers;

/// <summary>An accepted re-send request for this node's notices (§13.3): kept in the history and queued for the responder.</summary>
public sealed class ResendRequestHandler(InboundHistory history, ResendResponder resends) : PayloadHandler<ResendRequest>
{
    /// <inheritdoc />
    public override async Task HandleAsync(InboundMessage message, Envelope envelope, ResendRequest payload, CancellationToken cancellationToken)
    {
        await history.RecordAsync(message, envelope, cancellationToken);
        resends.Enqueue(payload);
    }
}
