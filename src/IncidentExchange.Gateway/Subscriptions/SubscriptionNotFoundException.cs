using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>No durable subscription of that name exists (never created, deleted, or expired unused).</summary>
public sealed class SubscriptionNotFoundException(string message) : IncxException(FailureKind.NotFound, message);
