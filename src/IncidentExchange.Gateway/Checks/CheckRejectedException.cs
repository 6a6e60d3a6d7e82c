namespace IncidentExchange.Gateway.Checks;

/// <summary>A communication check that cannot be sent as asked (no targets, unknown node, bad timeout or text).</summary>
public sealed class CheckRejectedException(string message) : Exception(message);
