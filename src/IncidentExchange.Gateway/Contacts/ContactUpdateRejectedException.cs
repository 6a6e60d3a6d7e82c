namespace IncidentExchange.Gateway.Contacts;

/// <summary>A requested change to this node's own record breaks a record rule; nothing was published.</summary>
public sealed class ContactUpdateRejectedException(string message) : Exception(message);
