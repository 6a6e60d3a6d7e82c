namespace IncidentExchange.Gateway.Inbound;

/// <summary>One message from the node's inbox as it arrived: the exact body and the unsigned AMQP hints beside it.</summary>
/// <param name="Body">The exact body.</param>
/// <param name="RoutingKey">Routing key (logs and quarantine only).</param>
/// <param name="MessageId">AMQP message-id (logs, quarantine and the history copy).</param>
/// <param name="Announcement">
/// Header incx-announcement: <c>hello</c> on a record asks for records in return, <c>reminder</c> on a critical notice
/// asks to show it again. A hint; the envelope is verified all the same.
/// </param>
public sealed record InboundMessage(ReadOnlyMemory<byte> Body, string? RoutingKey, string? MessageId, string? Announcement);
