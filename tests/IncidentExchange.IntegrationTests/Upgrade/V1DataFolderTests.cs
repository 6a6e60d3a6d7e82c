using IncidentExchange.IntegrationTests.Support;
using IncidentExchange.Testing;

namespace IncidentExchange.IntegrationTests.Upgrade;

/// <summary>
/// The upgrade test: a gateway started over (a copy of) the data folder the version before the store wrote shows the
/// same directory, delivery statuses and check reports that version's gateway showed, and gives the next notice the
/// next sequence number. Written before the store exists, it proves the fixture and its expectations agree with the
/// file-based version; unchanged, it then requires the store to import that folder without losing anything.
/// </summary>
public sealed class V1DataFolderTests
{
    [Test]
    public async Task Start_OnTheV1DataFolder_ServesItsStateAndContinuesItsSequence()
    {
        // A broker of its own: ee's peers (federation upstreams) must not reach the shared broker's other nodes.
        await using var broker = await RabbitBrokers.StartAsync("upgrade");
        await using var ee = await V1DataFolder.StartGatewayAsync(broker);

        await StateFiles.AssertServedAsync(ee.Channel, V1DataFolder.Expected);

        // Last: publishing changes the state compared above.
        var next = await ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("first notice after the upgrade")));
        Assert.That(next.Sequence, Is.EqualTo(V1DataFolder.NextSequence()), "the sequence continues after the last one handed out, the failed publish's included");
    }
}
