namespace IncidentExchange.Gateway.Publishing;

/// <summary>A notice submitted for publishing breaks a rule; the message says which, in one sentence per rule.</summary>
public sealed class NoticeRejectedException(string message) : Exception(message);
