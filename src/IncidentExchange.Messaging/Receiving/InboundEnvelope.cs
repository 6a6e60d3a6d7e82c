namespace IncidentExchange.Messaging.Receiving;

/// <summary>
/// One raw AMQP delivery from the federated exchange, exactly as received. MassTransit does not
/// parse it: verification must see the signed bytes, and a hostile body must reach the consumer
/// (to be quarantined with a reason) rather than fail inside the transport.
/// </summary>
/// <param name="Body">The exact body bytes (copied; safe to keep after the consume).</param>
/// <param name="RoutingKey">Routing key it was published with.</param>
/// <param name="MessageId">AMQP message-id property, if any.</param>
/// <param name="ContentType">AMQP content-type property, if any (not trusted).</param>
/// <param name="Exchange">Exchange it arrived through.</param>
/// <param name="Redelivered">True if the broker delivered it before.</param>
/// <param name="Announcement">Header <c>incx-announcement</c> (<c>hello</c>, <c>reply</c> or <c>reminder</c>), if any: a hint, not trusted.</param>
public sealed record InboundEnvelope(
    ReadOnlyMemory<byte> Body,
    string? RoutingKey,
    string? MessageId,
    string? ContentType,
    string? Exchange,
    bool Redelivered,
    string? Announcement = null);
