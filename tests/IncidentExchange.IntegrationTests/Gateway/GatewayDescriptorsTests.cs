using System.Reflection;
using Google.Protobuf.Reflection;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Hosting;

namespace IncidentExchange.IntegrationTests.Gateway;

/// <summary>
/// The gateway builds every descriptor it serves before it starts (Google.Protobuf's descriptor build is not
/// thread-safe): a generated file of incx, gRPC health or gRPC reflection left out would be built later, concurrently.
/// </summary>
public sealed class GatewayDescriptorsTests
{
    [Test]
    public void BuildAll_HoldsEveryGeneratedFileOfTheServedPackages()
    {
        // Assemblies whose generated code the gateway serves: incx's contracts, gRPC health, gRPC reflection.
        Assembly[] served = [typeof(IncxDescriptors).Assembly, typeof(Grpc.Health.V1.HealthReflection).Assembly, typeof(Grpc.Reflection.V1.ReflectionReflection).Assembly];
        var generated = served
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Select(type => type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(property => property?.PropertyType == typeof(FileDescriptor))
            .Select(property => ((FileDescriptor)property!.GetValue(null)!).Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        var built = GatewayDescriptors.BuildAll().Select(descriptor => descriptor.Name).Order(StringComparer.Ordinal);

        Assert.That(generated, Has.Count.GreaterThanOrEqualTo(12));
        Assert.That(built, Is.EqualTo(generated));
    }
}
