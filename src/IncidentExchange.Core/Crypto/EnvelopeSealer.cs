using Google.Protobuf;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Core.Crypto;

/// <summary>Wraps a payload into an <see cref="Envelope"/> signed by this node.</summary>
public sealed class EnvelopeSealer
{
    private readonly string _nodeId;
    private readonly SigningKey _key;

    /// <summary>Creates a sealer for <paramref name="nodeId"/> signing with <paramref name="key"/>.</summary>
    public EnvelopeSealer(string nodeId, SigningKey key)
    {
        _nodeId = NodeIds.Require(nodeId);
        _key = key ?? throw new ArgumentNullException(nameof(key));
    }

    /// <summary>The id of the key this sealer signs with.</summary>
    public string KeyId => _key.KeyId;

    /// <summary>Serialises <paramref name="payload"/> once and signs exactly those bytes.</summary>
    public Envelope Seal(IMessage payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Seal(payload.Descriptor.FullName, payload.ToByteArray());
    }

    /// <summary>Signs payload bytes that were serialised before (a re-sent record keeps its exact bytes).</summary>
    public Envelope Seal(string type, ReadOnlySpan<byte> bytes)
    {
        var signature = _key.Sign(SigningInput.Build(type, _nodeId, _key.KeyId, bytes));
        return new Envelope
        {
            PayloadType = type,
            Payload = ByteString.CopyFrom(bytes),
            Signer = _nodeId,
            KeyId = _key.KeyId,
            Signature = ByteString.CopyFrom(signature),
        };
    }
}
