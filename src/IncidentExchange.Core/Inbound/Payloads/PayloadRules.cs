using Google.Protobuf;

namespace IncidentExchange.Core.Inbound.Payloads;

/// <summary>
/// The rules of one payload type <typeparamref name="T"/>, typed: a subclass says who sends it, which rules it keeps,
/// when it was issued and whom it is for; parsing and the payload type name come from <typeparamref name="T"/> itself.
/// </summary>
/// <param name="name">How rejection details name it, e.g. <c>notice</c>.</param>
/// <param name="signedWhat">How a <c>signer-not-origin</c> detail names what was signed, e.g. <c>a notice whose origin is</c>.</param>
/// <param name="invalid">The reason given when it breaks its rules.</param>
public abstract class PayloadRules<T>(string name, string signedWhat, RejectionReason invalid) : IPayloadRules
    where T : class, IMessage<T>, new()
{
    private static readonly MessageParser<T> Parser = new(() => new T());

    /// <inheritdoc />
    public string PayloadType { get; } = new T().Descriptor.FullName;

    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public string SignedWhat => signedWhat;

    /// <inheritdoc />
    public RejectionReason Invalid => invalid;

    /// <summary>What <paramref name="payload"/> says of itself.</summary>
    public abstract PayloadClaims Claims(T payload);

    /// <summary>Why <paramref name="payload"/> is not for <paramref name="localNodeId"/>, or null if it is (or goes to every node).</summary>
    public abstract string? NotAddressed(T payload, string localNodeId);

    /// <inheritdoc />
    public IMessage Parse(ByteString payload) => Parser.ParseFrom(payload);

    PayloadClaims IPayloadRules.Claims(IMessage payload) => Claims((T)payload);

    string? IPayloadRules.NotAddressed(IMessage payload, string localNodeId) => NotAddressed((T)payload, localNodeId);
}
