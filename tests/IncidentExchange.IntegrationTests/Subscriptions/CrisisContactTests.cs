using IncidentExchange.Contracts.V1;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Subscriptions;

/// <summary>
/// A crisis contact point across three real nodes: fr's duty officer is away while ee publishes, catches up
/// on reconnecting, acknowledges two alerts, and ee sees from signed receipts who has what.
/// </summary>
[NonParallelizable]
public class CrisisContactTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private LocalFederation _federation = null!;

    [OneTimeSetUp]
    public async Task StartFederation() => _federation = await LocalFederation.StartAsync(["ee", "fr", "jp"]);

    [OneTimeTearDown]
    public async Task StopFederation() => await _federation.DisposeAsync();

    [Test]
    public async Task FrAwayWhileEePublishesFive_SeesAllOnceOnReturn_EeSeesDeliveredAndAcknowledged()
    {
        var ee = _federation["ee"];
        var fr = _federation["fr"];
        await (await AlertCollector.StartAsync(fr.Client, new SubscribeRequest { Subscription = "crisis" })).DisposeAsync();

        var ids = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add((await ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast($"alert {i} while fr is away")))).NoticeId);
        }

        await using (var watch = await AlertCollector.ConnectDurableAsync(fr.Client, new SubscribeRequest { Subscription = "crisis" }))
        {
            foreach (var id in ids)
            {
                await watch.WaitForNoticeAsync(id, Bound);
            }

            await Task.Delay(500);
            Assert.That(watch.Received.Select(a => a.Notice.NoticeId), Is.EquivalentTo(ids), "all five, exactly once");
            foreach (var id in ids.Take(2))
            {
                await fr.Client.AcknowledgeAsync(new AcknowledgeRequest { Subscription = "crisis", NoticeId = id, AcknowledgedBy = "fr duty officer" });
            }
        }

        var statuses = new List<DeliveryStatusReply>();
        foreach (var id in ids)
        {
            var acknowledged = ids.IndexOf(id) < 2;
            statuses.Add(await DeliveryStatuses.WaitForAsync(ee, id, s =>
                s.Recipients.All(r => r.DeliveredAt is not null) && (!acknowledged || s.Recipients.Single(r => r.NodeId == "fr").AcknowledgedAt is not null)));
        }

        var (code, statusOut, statusErr) = await CliRun.AtAsync(ee, "status", ids[0]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, statusErr);
            Assert.That(statusOut, Does.Contain("fr duty officer (crisis)").And.Contain("jp"));
            foreach (var status in statuses)
            {
                var acknowledged = ids.IndexOf(status.NoticeId) < 2;
                var frStatus = status.Recipients.Single(r => r.NodeId == "fr");
                var jpStatus = status.Recipients.Single(r => r.NodeId == "jp");
                Assert.That(status.Recipients.Select(r => r.NodeId), Is.EqualTo(new[] { "fr", "jp" }));
                Assert.That(frStatus.DeliveredAt.ToDateTimeOffset(), Is.GreaterThanOrEqualTo(status.PublishedAt.ToDateTimeOffset().AddSeconds(-1)));
                Assert.That(jpStatus.DeliveredAt, Is.Not.Null);
                Assert.That(jpStatus.AcknowledgedAt, Is.Null);
                Assert.That(frStatus.AcknowledgedAt, acknowledged ? Is.Not.Null : Is.Null);
                Assert.That(frStatus.AcknowledgedBy, Is.EqualTo(acknowledged ? "fr duty officer (crisis)" : ""));
            }
        });
    }
}
