using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Wire;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Federation;

/// <summary>
/// Three national nodes (ee, fr, jp), each its own real broker and gateway, federated as a full
/// mesh by the product itself. Tests run in order: the last one stops and restarts fr's broker.
/// </summary>
[NonParallelizable]
public class FederationTests
{
    // What jp's exchange takes in for one broadcast from ee: the notice, and jp's own receipt sent back to ee.
    private const int MarkerAndItsReceipt = 2;
    private LocalFederation _federation = null!;

    private TestNode Ee => _federation["ee"];

    private TestNode Fr => _federation["fr"];

    private TestNode Jp => _federation["jp"];

    [OneTimeSetUp]
    public async Task StartFederation() =>
        _federation = await LocalFederation.StartAsync(["ee", "fr", "jp"], new Dictionary<string, string[]> { ["eu"] = ["ee", "fr"] });

    [OneTimeTearDown]
    public async Task StopFederation() => await _federation.DisposeAsync();

    [Test]
    [Order(1)]
    public async Task ListNodes_AllLinksUp_ShowsPeersRunningWithKeysAndCommunities()
    {
        var reply = await Ee.Client.ListNodesAsync(new ListNodesRequest());

        Assert.Multiple(() =>
        {
            Assert.That(reply.Nodes.Select(n => n.NodeId), Is.EqualTo(new[] { "ee", "fr", "jp" }));
            Assert.That(reply.Nodes[0].Self, Is.True);
            Assert.That(reply.Nodes.Skip(1).Select(n => n.Link), Is.All.EqualTo(LinkState.Running));
            Assert.That(reply.Nodes.Select(n => n.KeyIds.Count), Is.All.EqualTo(1));
            Assert.That(reply.Nodes.Single(n => n.NodeId == "fr").Communities, Is.EqualTo(new[] { "eu" }));
        });
    }

    [Test]
    [Order(2)]
    public async Task Broadcast_FromEe_ArrivesAtFrAndJpOnceEach()
    {
        await using var atFr = await AlertCollector.StartAsync(Fr.Client);
        await using var atJp = await AlertCollector.StartAsync(Jp.Client);

        var notice = await Ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("broadcast from ee")));
        var marker = await Ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("marker")));
        var frAlert = await atFr.WaitForNoticeAsync(notice.NoticeId, TimeSpan.FromSeconds(30));
        await atFr.WaitForNoticeAsync(marker.NoticeId, TimeSpan.FromSeconds(30));
        await atJp.WaitForNoticeAsync(marker.NoticeId, TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(frAlert.Signer, Is.EqualTo("ee"));
            Assert.That(frAlert.SignatureVerified, Is.True);
            Assert.That(atFr.Received.Count(a => a.Notice.NoticeId == notice.NoticeId), Is.EqualTo(1));
            Assert.That(atJp.Received.Count(a => a.Notice.NoticeId == notice.NoticeId), Is.EqualTo(1));
        });
    }

    [Test]
    [Order(3)]
    public async Task AddressedToFr_ArrivesAtFr_AndJpsBrokerNeverHoldsIt()
    {
        await using var atFr = await AlertCollector.StartAsync(Fr.Client);
        await using var atJp = await AlertCollector.StartAsync(Jp.Client);
        var jpBroker = _federation.BrokerOf("jp");
        // Counts every message that entered jp's exchange, whatever routed it: publishes and federation links alike.
        var before = await BrokerStats.SettledPublishedIntoAsync(jpBroker, WireProtocol.ExchangeName);

        var forFr = Drafts.Broadcast("for fr only");
        forFr.Tlp = Tlp.Red;
        forFr.Audience = new Audience { Nodes = { "fr" } };
        var addressed = await Ee.Client.PublishAsync(Drafts.Request(forFr));
        var marker = await Ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("marker after the addressed one")));
        await atFr.WaitForNoticeAsync(addressed.NoticeId, TimeSpan.FromSeconds(30));
        await atJp.WaitForNoticeAsync(marker.NoticeId, TimeSpan.FromSeconds(30));
        // The broadcast marker and jp's own DELIVERED receipt for it (published on jp's broker, bound for ee)
        // must show in jp's counters; once they do, anything else would have too.
        var after = await BrokerStats.WaitForPublishedIntoAsync(jpBroker, WireProtocol.ExchangeName, before + MarkerAndItsReceipt, TimeSpan.FromSeconds(30));
        var settled = await BrokerStats.SettledPublishedIntoAsync(jpBroker, WireProtocol.ExchangeName);

        Assert.Multiple(() =>
        {
            Assert.That(addressed.RoutingKey, Is.EqualTo("notice.fr"));
            Assert.That(after, Is.EqualTo(before + MarkerAndItsReceipt), "jp's broker took in only the broadcast marker (and jp's receipt for it)");
            Assert.That(settled, Is.EqualTo(before + MarkerAndItsReceipt), "and nothing more arrived later");
            Assert.That(atJp.Received.Select(a => a.Notice.NoticeId), Does.Not.Contain(addressed.NoticeId));
        });
    }

    [Test]
    [Order(4)]
    public async Task CommunityNotice_ReachesExactlyItsMembers()
    {
        await using var atEe = await AlertCollector.StartAsync(Ee.Client);
        await using var atFr = await AlertCollector.StartAsync(Fr.Client);
        await using var atJp = await AlertCollector.StartAsync(Jp.Client);
        var jpBroker = _federation.BrokerOf("jp");
        var before = await BrokerStats.SettledPublishedIntoAsync(jpBroker, WireProtocol.ExchangeName);
        var draft = Drafts.Broadcast("amber for the eu community");
        draft.Tlp = Tlp.Amber;
        draft.Audience = new Audience { Community = "eu" };

        var reply = await Ee.Client.PublishAsync(Drafts.Request(draft));
        var marker = await Ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("marker")));
        var atFrAlert = await atFr.WaitForNoticeAsync(reply.NoticeId, TimeSpan.FromSeconds(30));
        await atEe.WaitForNoticeAsync(reply.NoticeId, TimeSpan.FromSeconds(30));
        await atJp.WaitForNoticeAsync(marker.NoticeId, TimeSpan.FromSeconds(30));
        var after = await BrokerStats.SettledPublishedIntoAsync(jpBroker, WireProtocol.ExchangeName);

        Assert.Multiple(() =>
        {
            Assert.That(after, Is.EqualTo(before + MarkerAndItsReceipt), "jp's broker took in only the broadcast marker (and jp's receipt for it)");
            Assert.That(reply.RoutingKey, Is.EqualTo("notice.ee,notice.fr"));
            Assert.That(atFrAlert.Notice.Audience.Community, Is.EqualTo("eu"));
            Assert.That(atFrAlert.Notice.Audience.Nodes, Is.EqualTo(new[] { "ee", "fr" }));
            Assert.That(atJp.Received.Select(a => a.Notice.NoticeId), Does.Not.Contain(reply.NoticeId));
        });
    }

    [Test]
    [Order(5)]
    public void RedWithoutRecipients_IsRefusedNamingTheRule()
    {
        var draft = Drafts.Broadcast("red to everyone");
        draft.Tlp = Tlp.Red;

        var error = Assert.ThrowsAsync<RpcException>(async () => await Ee.Client.PublishAsync(Drafts.Request(draft)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(error.Status.Detail, Does.Contain("TLP:RED notices must name their recipients"));
        });
    }

    [Test]
    [Order(6)]
    public void AmberBroadcast_IsRefusedNamingTheRule()
    {
        var draft = Drafts.Broadcast("amber to everyone");
        draft.Tlp = Tlp.Amber;

        var error = Assert.ThrowsAsync<RpcException>(async () => await Ee.Client.PublishAsync(Drafts.Request(draft)));

        Assert.That(error!.Status.Detail, Does.Contain("TLP:AMBER"));
    }

    [Test]
    [Order(7)]
    public void UnknownCommunity_IsRefusedListingTheKnownOnes()
    {
        var draft = Drafts.Broadcast("to a community nobody configured");
        draft.Audience = new Audience { Community = "asia" };

        var error = Assert.ThrowsAsync<RpcException>(async () => await Ee.Client.PublishAsync(Drafts.Request(draft)));

        Assert.That(error!.Status.Detail, Does.Contain("Community 'asia' is not configured").And.Contain("eu"));
    }

    [Test]
    [Order(100)]
    public async Task NoticeForFr_WhileFrsBrokerIsDown_ArrivesOnceAfterItReturns()
    {
        await using var atFr = await AlertCollector.StartAsync(Fr.Client);
        var frBroker = _federation.BrokerOf("fr");
        var draft = Drafts.Broadcast("sent while fr was offline");
        draft.Audience = new Audience { Nodes = { "fr" } };

        await frBroker.StopAsync();
        PublishReply reply;
        try
        {
            // fr's link queue on ee's broker outlives fr's broker, so ee can still take the notice.
            reply = await Ee.Client.PublishAsync(Drafts.Request(draft));
        }
        finally
        {
            await frBroker.StartAsync();
        }

        Alert alert;
        try
        {
            alert = await atFr.WaitForNoticeAsync(reply.NoticeId, TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} ee: {await BrokerStats.DescribeQueuesAsync(_federation.BrokerOf("ee"))} | fr: {await BrokerStats.DescribeQueuesAsync(frBroker)}");
        }

        await _federation.WaitForLinksAsync("fr");
        var marker = Drafts.Broadcast("marker after fr returned");
        marker.Audience = new Audience { Nodes = { "fr" } };
        var markerReply = await Ee.Client.PublishAsync(Drafts.Request(marker));
        await atFr.WaitForNoticeAsync(markerReply.NoticeId, TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(alert.Notice.Title, Is.EqualTo("sent while fr was offline"));
            Assert.That(atFr.Received.Count(a => a.Notice.NoticeId == reply.NoticeId), Is.EqualTo(1));
        });
    }
}
