using Google.Protobuf;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// What this node does with an accepted payload of one type; the <see cref="InboundRouter"/> finds it through the
/// <see cref="PayloadTable"/>. Derive from <see cref="PayloadHandler{T}"/>.
/// </summary>
public interface IPayloadHandler
{
    /// <summary>Acts on <paramref name="payload"/>; returns once what it did is durable (the inbox message is acknowledged then).</summary>
    Task HandleAsync(InboundMessage message, Envelope envelope, IMessage payload, CancellationToken cancellationToken);
}
