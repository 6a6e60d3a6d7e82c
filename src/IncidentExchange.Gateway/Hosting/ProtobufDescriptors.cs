using Google.Protobuf.Reflection;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Hosting;

/// <summary>
/// Every protobuf file descriptor the gateway uses (incx's, gRPC health's and reflection's), built on one thread
/// before the host starts: see <see cref="ProtocolDescriptors"/> for the Google.Protobuf race this avoids. The
/// health and reflection files count too, because the racy cache is shared by all descriptors of the process and a
/// health probe can be the first request.
/// </summary>
public static class ProtobufDescriptors
{
    /// <summary>Builds them all; cheap after the first call.</summary>
    public static IReadOnlyList<FileDescriptor> BuildAll() =>
        [.. ProtocolDescriptors.Load(), global::Grpc.Health.V1.HealthReflection.Descriptor, global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor];
}
