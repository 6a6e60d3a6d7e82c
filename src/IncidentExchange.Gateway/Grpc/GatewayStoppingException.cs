using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Grpc;

/// <summary>A stream ended because the gateway is shutting down; the message says how to continue elsewhere or later.</summary>
public sealed class GatewayStoppingException(string message) : IncxException(FailureKind.Unavailable, message);
