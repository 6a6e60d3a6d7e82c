using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Grpc;

/// <summary>The gRPC services of the incx API (health and reflection are the standard ones besides).</summary>
public static class IncxServices
{
    /// <summary>Every incx service the gateway maps.</summary>
    public static readonly Google.Protobuf.Reflection.ServiceDescriptor[] All =
        [IncidentGateway.Descriptor, PointsOfContact.Descriptor, Contracts.V1.History.Descriptor];
}
