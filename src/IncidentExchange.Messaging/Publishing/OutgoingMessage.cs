namespace IncidentExchange.Messaging.Publishing;

/// <summary>One AMQP message to publish: destination, exact body and the properties of protos/README.md.</summary>
/// <param name="Exchange">Exchange name ("" for the default exchange).</param>
/// <param name="RoutingKey">Routing key.</param>
/// <param name="Body">Exact body bytes.</param>
/// <param name="MessageId">AMQP message-id property.</param>
/// <param name="Headers">Extra AMQP headers (string values).</param>
public sealed record OutgoingMessage(
    string Exchange,
    string RoutingKey,
    ReadOnlyMemory<byte> Body,
    string MessageId,
    IReadOnlyDictionary<string, string>? Headers = null);
