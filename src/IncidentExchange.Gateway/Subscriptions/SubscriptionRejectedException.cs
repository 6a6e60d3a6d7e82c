using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>A subscription request with a field that breaks its rule (a name that is not like a node id, a long acknowledged_by).</summary>
public sealed class SubscriptionRejectedException(FieldViolation violation) : RequestRejectedException(violation);
