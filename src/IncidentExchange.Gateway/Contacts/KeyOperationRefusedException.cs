using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>A key rotation or revocation that cannot be done in the node's current state; nothing was published.</summary>
public sealed class KeyOperationRefusedException(string message) : IncxException(FailureKind.FailedPrecondition, message);
