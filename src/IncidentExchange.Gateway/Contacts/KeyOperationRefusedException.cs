namespace IncidentExchange.Gateway.Contacts;

/// <summary>A key rotation or revocation that cannot be done in the node's current state; nothing was published.</summary>
public sealed class KeyOperationRefusedException(string message) : Exception(message);
