namespace IncidentExchange.Messaging.Publishing;

/// <summary>One AMQP message to publish: destination, exact body and the properties of protos/README.md.</summary>
/// <param name="Exchange">Exchange name ("" for the default exchange).</param>
/// <param name="RoutingKey">Routing key.</param>
/// <param name="Body">Exact body bytes.</param>
/// <param name="MessageId">AMQP message-id property.</param>
/// <param name="Headers">Extra AMQP headers (string values).</param>
/// <param name="Priority">AMQP priority (0-9), for priority queues; null = unset.</param>
/// <param name="Mandatory">
/// True (the default): a message no queue or federation link is bound for fails the publish. False only where a
/// missing queue must not fail the caller: the node's history copies, which go on when the history stream is
/// missing (the gateway's HistoryRecorder).
/// </param>
public sealed record OutgoingMessage(
    string Exchange,
    string RoutingKey,
    ReadOnlyMemory<byte> Body,
    string MessageId,
    IReadOnlyDictionary<string, string>? Headers = null,
    byte? Priority = null,
    bool Mandatory = true);
