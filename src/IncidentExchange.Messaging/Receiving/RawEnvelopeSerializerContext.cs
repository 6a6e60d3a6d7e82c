using System.Diagnostics.CodeAnalysis;
using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;

namespace IncidentExchange.Messaging.Receiving;

/// <summary>A serializer context that only ever yields the pre-built <see cref="InboundEnvelope"/>.</summary>
public sealed class RawEnvelopeSerializerContext(InboundEnvelope envelope, MessageBody body, ContentType contentType, MessageContext messageContext)
    : BaseSerializerContext(SystemTextJsonMessageSerializer.Instance, messageContext, SupportedTypes)
{
    private static readonly string[] SupportedTypes = [MessageUrn.ForTypeString<InboundEnvelope>()];

    /// <inheritdoc />
    public override bool IsSupportedMessageType<T>() => typeof(T) == typeof(InboundEnvelope);

    /// <inheritdoc />
    public override bool IsSupportedMessageType(Type messageType) => messageType == typeof(InboundEnvelope);

    /// <inheritdoc />
    public override bool TryGetMessage<T>(out T? message) where T : class
    {
        message = envelope as T;
        return message != null;
    }

    /// <inheritdoc />
    public override bool TryGetMessage(Type messageType, [NotNullWhen(true)] out object? message)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        message = messageType.IsInstanceOfType(envelope) ? envelope : null;
        return message != null;
    }

    // When MassTransit re-sends the received message (to the error queue), it copies the original bytes.

    /// <inheritdoc />
    public override IMessageSerializer GetMessageSerializer() => new CopyBodySerializer(contentType, body);

    /// <inheritdoc />
    public override IMessageSerializer GetMessageSerializer<T>(MessageEnvelope envelope, T message) where T : class => new CopyBodySerializer(contentType, body);

    /// <inheritdoc />
    public override IMessageSerializer GetMessageSerializer(object message, string[] messageTypes) => new CopyBodySerializer(contentType, body);

    /// <inheritdoc />
    public override Dictionary<string, object> ToDictionary<T>(T? message) where T : class => [];
}
