using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Resends;

namespace IncidentExchange.Core.Inbound.Payloads;

/// <summary><c>incx.v1.ResendReply</c> (§13.3): signed by the origin that answers, for the requester that asked.</summary>
public sealed class ResendReplyRules : ResendMessageRules<ResendReply>
{
    /// <inheritdoc />
    public override PayloadClaims Claims(ResendReply payload) =>
        new(payload.Origin, ResendRules.Validate(payload), payload.IssuedAt);

    /// <inheritdoc />
    protected override string Addressee(ResendReply payload) => payload.Requester;
}
