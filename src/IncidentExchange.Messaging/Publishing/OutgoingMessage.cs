namespace IncidentExchange.Messaging.Publishing;

/// <summary>One AMQP message to publish: destination, exact body and the properties of protos/README.md.</summary>
/// <param name="Exchange">Exchange name ("" for the default exchange).</param>
/// <param name="RoutingKey">Routing key.</param>
/// <param name="Body">Exact body bytes.</param>
/// <param name="MessageId">AMQP message-id property.</param>
/// <param name="Headers">Extra AMQP headers (string values).</param>
/// <param name="Priority">AMQP priority (0-9), for priority queues; null = unset.</param>
/// <param name="Mandatory">
/// True (the default): a message no queue is bound for fails the publish. False where having no queue is
/// normal, such as a node's alert exchange while no durable subscription exists.
/// </param>
public sealed record OutgoingMessage(
    string Exchange,
    string RoutingKey,
    ReadOnlyMemory<byte> Body,
    string MessageId,
    IReadOnlyDictionary<string, string>? Headers = null,
    byte? Priority = null,
    bool Mandatory = true);
