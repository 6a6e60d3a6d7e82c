namespace IncidentExchange.Messaging;

/// <summary>The broker did not confirm a publish; the message is one sentence that says why.</summary>
public sealed class BrokerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
