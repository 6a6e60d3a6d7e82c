using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Resends;

namespace IncidentExchange.Core.Inbound.Payloads;

/// <summary><c>incx.v1.ResendRequest</c> (§13.3): signed by its requester, for the origin it asks.</summary>
public sealed class ResendRequestRules : ResendMessageRules<ResendRequest>
{
    /// <inheritdoc />
    public override PayloadClaims Claims(ResendRequest payload) =>
        new(payload.Requester, ResendRules.Validate(payload), payload.IssuedAt);

    /// <inheritdoc />
    protected override string Addressee(ResendRequest payload) => payload.Origin;
}
