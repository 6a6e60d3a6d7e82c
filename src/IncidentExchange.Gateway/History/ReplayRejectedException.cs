using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.History;

/// <summary>A replay request that cannot be served as asked (an unknown kind, a sequence range without origin, …).</summary>
public sealed class ReplayRejectedException(FieldViolation violation) : RequestRejectedException(violation);
