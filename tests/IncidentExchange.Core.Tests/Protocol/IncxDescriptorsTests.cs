using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Tests.Protocol;

/// <summary>
/// IncxDescriptors builds every descriptor up front, so that Google.Protobuf's unsynchronised descriptor cache is
/// never filled by two threads at once; a .proto file missing from its list would be built later, concurrently.
/// </summary>
public sealed class IncxDescriptorsTests
{
    [Test]
    public void BuildAll_BuildsTheDescriptorOfEveryProtoFile()
    {
        var protos = Directory.GetFiles(Path.Combine(RepositoryPaths.Root(), "protos", "incx", "v1"), "*.proto")
            .Select(path => "incx/v1/" + Path.GetFileName(path))
            .Order(StringComparer.Ordinal);

        var loaded = IncxDescriptors.BuildAll().Select(descriptor => descriptor.Name).Order(StringComparer.Ordinal);

        Assert.That(loaded, Is.EqualTo(protos));
    }
}
