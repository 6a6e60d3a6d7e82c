using System.Reflection;
using Google.Protobuf.Reflection;
using IncidentExchange.Gateway.Hosting;

namespace IncidentExchange.IntegrationTests.Gateway;

/// <summary>
/// The gateway builds every descriptor it serves before it starts (Google.Protobuf's descriptor build is not
/// thread-safe): a generated file of incx, gRPC health, gRPC reflection or any other dependency left out would be built
/// later, concurrently.
/// </summary>
public sealed class GatewayDescriptorsTests
{
    [Test]
    public void BuildAll_HoldsEveryGeneratedFileOfTheServedPackages()
    {
        var generated = AssembliesWithGeneratedCode()
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Select(type => type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(property => property?.PropertyType == typeof(FileDescriptor))
            .Select(property => ((FileDescriptor)property!.GetValue(null)!).Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        var built = GatewayDescriptors.BuildAll().Select(descriptor => descriptor.Name).Order(StringComparer.Ordinal);

        // incx's nine files, gRPC health, reflection v1 and v1alpha at least: the walk below did find them.
        Assert.That(generated, Has.Count.GreaterThanOrEqualTo(12));
        Assert.That(built, Is.EqualTo(generated));
    }

    // Every assembly the gateway depends on, directly or not, that is built against Google.Protobuf (so may hold
    // generated descriptors), except Google.Protobuf itself, whose own descriptors it initialises in its static
    // constructor.
    private static IEnumerable<Assembly> AssembliesWithGeneratedCode()
    {
        var seen = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(GatewayDescriptors).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (!seen.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => !seen.ContainsKey(r.Name!)))
            {
                try
                {
                    pending.Push(Assembly.Load(reference));
                }
                catch (FileNotFoundException)
                {
                    // Referenced but not deployed (an optional dependency never loaded): it cannot build descriptors either.
                }
            }
        }

        return seen.Values.Where(assembly => assembly.GetName().Name != "Google.Protobuf"
            && assembly.GetReferencedAssemblies().Any(r => r.Name == "Google.Protobuf"));
    }
}
