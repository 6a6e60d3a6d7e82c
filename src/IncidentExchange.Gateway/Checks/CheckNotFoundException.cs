using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Checks;

/// <summary>This node sent no communication check with that id.</summary>
public sealed class CheckNotFoundException(string checkId)
    : IncxException(FailureKind.NotFound, $"This node sent no communication check '{Core.Inbound.PeerValues.Printable(checkId)}'.");
