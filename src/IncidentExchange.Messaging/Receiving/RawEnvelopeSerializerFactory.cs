using System.Net.Mime;
using IncidentExchange.Core.Wire;
using MassTransit;

namespace IncidentExchange.Messaging.Receiving;

/// <summary>
/// Registers <see cref="RawEnvelopeDeserializer"/> for the incx content type. Registered as the
/// endpoint's default deserializer, so bodies with no, another or an unparsable content type reach
/// it too. Deserialize-only: nodes publish with RabbitMQ.Client, never through MassTransit.
/// </summary>
public sealed class RawEnvelopeSerializerFactory : ISerializerFactory
{
    /// <summary><c>application/vnd.incx.envelope+protobuf</c>.</summary>
    public static readonly ContentType EnvelopeContentType = new(WireProtocol.ContentType);

    /// <inheritdoc />
    public ContentType ContentType => EnvelopeContentType;

    /// <inheritdoc />
    public IMessageSerializer CreateSerializer() =>
        throw new NotSupportedException("The incx raw envelope format is deserialize-only; register it with AddDeserializer, not AddSerializer.");

    /// <inheritdoc />
    public IMessageDeserializer CreateDeserializer() => RawEnvelopeDeserializer.Instance;
}
