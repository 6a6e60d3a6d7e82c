using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Delivery;

/// <summary>A live subscriber fell so far behind that its buffer filled; it is disconnected rather than let memory grow.</summary>
public sealed class SubscriberTooSlowException(int buffer)
    : IncxException(FailureKind.ResourceExhausted, $"The subscriber fell {buffer} alerts behind and was disconnected; reconnect (and read faster) to continue.");
