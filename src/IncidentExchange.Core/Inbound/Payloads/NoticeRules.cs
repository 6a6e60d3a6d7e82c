using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Validation;

namespace IncidentExchange.Core.Inbound.Payloads;

/// <summary><c>incx.v1.IncidentNotice</c> (§9): signed by its origin, the rules of §9, for the nodes its signed audience names.</summary>
public sealed class NoticeRules() : PayloadRules<IncidentNotice>("notice", "a notice whose origin is", RejectionReason.InvalidNotice)
{
    /// <inheritdoc />
    public override PayloadClaims Claims(IncidentNotice payload) =>
        new(payload.Origin, NoticeValidator.Validate(payload), payload.IssuedAt);

    /// <inheritdoc />
    // A peer could put a TLP:RED notice for one node on notice.all: the signed audience decides who may read it.
    public override string? NotAddressed(IncidentNotice payload, string localNodeId) =>
        payload.Audience.All || payload.Audience.Nodes.Contains(localNodeId) ? null
            : $"The notice is addressed to {string.Join(", ", payload.Audience.Nodes)}, not to this node ('{localNodeId}').";
}
