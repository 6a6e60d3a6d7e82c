using Google.Protobuf.Reflection;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Hosting;

/// <summary>
/// Every protobuf file descriptor the gateway serves (incx's, gRPC health's, both versions of gRPC reflection), built
/// on one thread before the host starts: see <see cref="IncxDescriptors"/> for the Google.Protobuf race this avoids.
/// Health and reflection count too, because the racy cache is shared by all descriptors of the process and a health
/// probe or a grpcurl call can be the first request.
/// </summary>
public static class GatewayDescriptors
{
    /// <summary>Builds them all; cheap after the first call.</summary>
    public static IReadOnlyList<FileDescriptor> BuildAll() =>
    [
        .. IncxDescriptors.BuildAll(),
        global::Grpc.Health.V1.HealthReflection.Descriptor,
        global::Grpc.Reflection.V1.ReflectionReflection.Descriptor,
        global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor,
    ];
}
