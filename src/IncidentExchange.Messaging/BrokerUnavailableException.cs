using IncidentExchange.Core.Failures;

namespace IncidentExchange.Messaging;

/// <summary>The broker did not confirm a publish; the message is one sentence that says why. Try again later.</summary>
public sealed class BrokerUnavailableException(string message, Exception? inner = null)
    : IncxException(FailureKind.Unavailable, message, innerException: inner);
