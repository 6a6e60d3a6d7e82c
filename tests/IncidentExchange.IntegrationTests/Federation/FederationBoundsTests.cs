using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Federation;

/// <summary>
/// What happens when a peer stays away until its link queue is full: the broker refuses, the
/// gateway says so (RESOURCE_EXHAUSTED, not a false success or a tripped breaker), traffic for
/// nodes that are up keeps flowing, and what was queued arrives once the peer returns.
/// </summary>
[NonParallelizable]
public class FederationBoundsTests
{
    private LocalFederation _federation = null!;

    [OneTimeSetUp]
    public async Task StartFederation() =>
        _federation = await LocalFederation.StartAsync(["ee", "fr"], configure: (node, settings) =>
        {
            // ee's broker keeps at most two notices for a peer that is away.
            settings["Incx:Broker:FederationMaxQueued"] = "2";
        });

    [OneTimeTearDown]
    public async Task StopFederation() => await _federation.DisposeAsync();

    [Test]
    public async Task PeerAwayUntilItsQueueIsFull_IsRefusedClearly_OthersFlow_QueuedArriveLater()
    {
        var ee = _federation["ee"];
        await using var atFr = await AlertCollector.StartAsync(_federation["fr"].Client);
        var frBroker = _federation.BrokerOf("fr");
        var queued = new List<string>();
        RpcException? refused;
        PublishReply? toSelf;

        // The nodes' contact records travel the same link queue: let their exchange at start finish first.
        await BrokerStats.SettledPublishedIntoAsync(_federation.BrokerOf("ee"), Core.Wire.WireProtocol.ExchangeName);
        await frBroker.StopAsync();
        try
        {
            // fr's link gone at ee too, so that nothing is in flight to it: the bound counts waiting notices only.
            Assert.That(await BrokerStats.WaitForLinkDetachedAsync(_federation.BrokerOf("ee"), "fr", TimeSpan.FromSeconds(30)), Is.True,
                () => "ee still shows a consumer on its link queue for fr: " + BrokerStats.DescribeQueuesAsync(_federation.BrokerOf("ee")).GetAwaiter().GetResult());
            for (var i = 1; i <= 2; i++)
            {
                queued.Add((await ee.Client.PublishAsync(Drafts.Request(To("fr", $"queued {i}")))).NoticeId);
            }

            refused = Assert.ThrowsAsync<RpcException>(async () => await ee.Client.PublishAsync(Drafts.Request(To("fr", "one too many"))));
            // Addressed to a node whose queue is not full: still flows, and the breaker did not trip.
            toSelf = await ee.Client.PublishAsync(Drafts.Request(To("ee", "for ee itself")));
        }
        finally
        {
            await frBroker.StartAsync();
        }

        foreach (var id in queued)
        {
            await atFr.WaitForNoticeAsync(id, TimeSpan.FromSeconds(90));
        }

        Assert.Multiple(() =>
        {
            Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
            Assert.That(refused.Status.Detail, Does.Contain("refused").And.Contain("FederationMaxQueued"));
            Assert.That(toSelf!.Duplicate, Is.False);
            Assert.That(atFr.Received.Select(a => a.Notice.NoticeId), Is.EquivalentTo(queued));
        });
    }

    private static IncidentNotice To(string node, string title)
    {
        var draft = Drafts.Broadcast(title);
        draft.Audience = new Audience { Nodes = { node } };
        return draft;
    }
}
