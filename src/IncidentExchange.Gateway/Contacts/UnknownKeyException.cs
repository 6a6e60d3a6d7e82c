using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>A key id that is not one of this node's keys; nothing was published.</summary>
public sealed class UnknownKeyException(string message) : IncxException(FailureKind.NotFound, message);
