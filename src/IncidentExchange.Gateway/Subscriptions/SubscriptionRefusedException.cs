using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>A subscription request that cannot be served as asked (taken, other filters, not connected); nothing changed.</summary>
public sealed class SubscriptionRefusedException(string message) : IncxException(FailureKind.FailedPrecondition, message);
