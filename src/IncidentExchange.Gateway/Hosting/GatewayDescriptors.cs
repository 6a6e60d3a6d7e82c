using System.Reflection;
using Google.Protobuf.Reflection;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Hosting;

/// <summary>
/// Every protobuf file descriptor the gateway serves or packs (incx's, gRPC health's, both versions of gRPC
/// reflection, Google's common protos for error details), built on one thread before the host starts: see
/// <see cref="IncxDescriptors"/> for the Google.Protobuf race this avoids. Health and reflection count too, because
/// the racy cache is shared by all descriptors of the process and a health probe or a grpcurl call can be the first
/// request; error details too, because packing a <c>google.rpc.BadRequest</c> into a status builds its descriptor.
/// </summary>
public static class GatewayDescriptors
{
    // Google.Api.CommonProtos holds about fifty files (google.rpc, google.api, google.type, ...) that import each
    // other; every one of them, found in the assembly, rather than a hand-kept list that drifts with its versions.
    private static readonly Lazy<FileDescriptor[]> CommonProtos = new(() =>
        typeof(Google.Rpc.Status).Assembly.GetExportedTypes()
            .Select(type => type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(property => property?.PropertyType == typeof(FileDescriptor))
            .Select(property => (FileDescriptor)property!.GetValue(null)!)
            .ToArray());

    /// <summary>Builds them all; cheap after the first call.</summary>
    public static IReadOnlyList<FileDescriptor> BuildAll() =>
    [
        .. IncxDescriptors.BuildAll(),
        global::Grpc.Health.V1.HealthReflection.Descriptor,
        global::Grpc.Reflection.V1.ReflectionReflection.Descriptor,
        global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor,
        .. CommonProtos.Value,
    ];
}
