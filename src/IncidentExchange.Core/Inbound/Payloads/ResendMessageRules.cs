using Google.Protobuf;

namespace IncidentExchange.Core.Inbound.Payloads;

/// <summary>
/// What a re-send request and its reply (§13.3) share: the rules of <c>invalid-resend</c>, and one node that sends it and one
/// it is for.
/// </summary>
public abstract class ResendMessageRules<T>() : PayloadRules<T>("re-send message", "a re-send message of", RejectionReason.InvalidResend)
    where T : class, IMessage<T>, new()
{
    /// <summary>The node <paramref name="payload"/> is for.</summary>
    protected abstract string Addressee(T payload);

    /// <inheritdoc />
    public override string? NotAddressed(T payload, string localNodeId) =>
        Addressee(payload) == localNodeId ? null : $"The re-send message is for '{Addressee(payload)}', not for this node ('{localNodeId}').";
}
