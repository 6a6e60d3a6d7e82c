using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Receipts;

/// <summary>Delivery status was asked for a notice this node did not publish: only the origin keeps it.</summary>
public sealed class DeliveryStatusNotFoundException(string noticeId, uint revision)
    : IncxException(FailureKind.NotFound, $"This node did not publish notice {noticeId}{(revision > 0 ? $" revision {revision}" : "")}; delivery status is kept by the origin.");
