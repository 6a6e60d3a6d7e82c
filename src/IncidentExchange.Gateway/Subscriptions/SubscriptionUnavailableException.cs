using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>
/// A durable subscription cannot be served now: the broker ended its consumer (broker away, subscription deleted or
/// expired), or the broker's management API, which lists the subscriptions, cannot be reached. Try again later.
/// </summary>
public sealed class SubscriptionUnavailableException(string message, Exception? inner = null)
    : IncxException(FailureKind.Unavailable, message, innerException: inner);
