using IncidentExchange.Core.Wire;
using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;

namespace IncidentExchange.Messaging.Receiving;

/// <summary>Hands every delivery (any bytes, any or no content type) to <c>IConsumer&lt;InboundEnvelope&gt;</c> without parsing it.</summary>
public sealed class RawEnvelopeDeserializer : IMessageDeserializer
{
    /// <summary>The one instance; the deserializer holds no state.</summary>
    public static readonly RawEnvelopeDeserializer Instance = new();

    /// <inheritdoc />
    public ContentType ContentType => RawEnvelopeSerializerFactory.EnvelopeContentType;

    /// <inheritdoc />
    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CreateScope("incx-raw-envelope").Add("contentType", ContentType.MediaType);
    }

    /// <inheritdoc />
    public ConsumeContext Deserialize(ReceiveContext receiveContext)
    {
        ArgumentNullException.ThrowIfNull(receiveContext);
        string? routingKey = null, exchange = null, messageId = null, contentType = null;
        if (receiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var amqp))
        {
            routingKey = amqp.RoutingKey;
            exchange = amqp.Exchange;
            // The raw AMQP properties: MassTransit's own MessageId is set only when the string is a GUID.
            messageId = amqp.Properties.MessageId;
            contentType = amqp.Properties.ContentType;
        }
        else
        {
            if (receiveContext.TryGetPayload<RoutingKeyConsumeContext>(out var routing))
            {
                routingKey = routing.RoutingKey;
            }

            messageId = ReadHeader(receiveContext.TransportHeaders, "MessageId");
            contentType = ReadHeader(receiveContext.TransportHeaders, "Content-Type");
        }

        // GetBytes copies: RabbitMQ.Client 7 owns the delivery memory only during the callback.
        var announcement = ReadHeader(receiveContext.TransportHeaders, WireProtocol.AnnouncementHeader);
        var envelope = new InboundEnvelope(receiveContext.Body.GetBytes(), routingKey, messageId, contentType, exchange, receiveContext.Redelivered, announcement);
        var serializerContext = new RawEnvelopeSerializerContext(envelope, receiveContext.Body, ContentType,
            new RawMessageContext(receiveContext.TransportHeaders, receiveContext.InputAddress, RawSerializerOptions.CopyHeaders));
        return new BodyConsumeContext(receiveContext, serializerContext);
    }

    /// <inheritdoc />
    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(headers);
        var envelope = new InboundEnvelope(body.GetBytes(), ReadHeader(headers, "RoutingKey"), ReadHeader(headers, "MessageId"),
            ReadHeader(headers, "Content-Type"), null, false);
        return new RawEnvelopeSerializerContext(envelope, body, ContentType,
            new RawMessageContext(headers, destinationAddress!, RawSerializerOptions.CopyHeaders));
    }

    /// <inheritdoc />
    public MessageBody GetMessageBody(string text) => new Base64MessageBody(text);

    // AMQP long strings arrive as bytes; MassTransit's own headers as strings.
    private static string? ReadHeader(Headers headers, string key) =>
        headers.TryGetHeader(key, out var value) ? value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : value?.ToString() : null;
}
