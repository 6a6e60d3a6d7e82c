using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Checks;

namespace IncidentExchange.Core.Inbound.Payloads;

/// <summary><c>incx.v1.CommunicationCheck</c> (§13.2): signed by its origin, the check rules, this node among its targets.</summary>
public sealed class CheckRules() : PayloadRules<CommunicationCheck>("communication check", "a check whose origin is", RejectionReason.InvalidCheck)
{
    /// <inheritdoc />
    public override PayloadClaims Claims(CommunicationCheck payload) =>
        new(payload.Origin, CheckValidator.Validate(payload), payload.IssuedAt);

    /// <inheritdoc />
    public override string? NotAddressed(CommunicationCheck payload, string localNodeId) =>
        payload.Targets.Contains(localNodeId) ? null : $"The check is addressed to {string.Join(", ", payload.Targets)}, not to this node ('{localNodeId}').";
}
