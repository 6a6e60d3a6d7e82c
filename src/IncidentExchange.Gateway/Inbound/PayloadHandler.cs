using Google.Protobuf;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// The handler of payload type <typeparamref name="T"/>: called only for an envelope that passed every receive-side check
/// (protos/README.md §10), with its payload already parsed. If it throws, the inbox message is not acknowledged and the
/// broker delivers it again.
/// </summary>
public abstract class PayloadHandler<T> : IPayloadHandler
    where T : class, IMessage<T>
{
    /// <summary>Acts on an accepted <paramref name="payload"/> that came in <paramref name="envelope"/>.</summary>
    public abstract Task HandleAsync(InboundMessage message, Envelope envelope, T payload, CancellationToken cancellationToken);

    Task IPayloadHandler.HandleAsync(InboundMessage message, Envelope envelope, IMessage payload, CancellationToken cancellationToken) =>
        HandleAsync(message, envelope, (T)payload, cancellationToken);
}
