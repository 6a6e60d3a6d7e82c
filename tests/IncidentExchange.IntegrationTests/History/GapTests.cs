using IncidentExchange.Contracts.V1;
using IncidentExchange.IntegrationTests.Support;
using IncidentExchange.Messaging.Topology;

namespace IncidentExchange.IntegrationTests.History;

/// <summary>
/// Loss made visible and repaired across three real nodes: part of ee's burst never reaches fr's gateway (purged from
/// fr's inbox while the gateway is down, as a link cut with a short TTL would lose it), and one of ee's notices goes to
/// jp only. fr's check reports both ranges; the re-send request brings the lost notices back, and ee's signed reply
/// accounts for the one that was never fr's, without sending it.
/// </summary>
[NonParallelizable]
public class GapTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private LocalFederation _federation = null!;

    [OneTimeSetUp]
    public async Task StartFederation() => _federation = await LocalFederation.StartAsync(["ee", "fr", "jp"]);

    [OneTimeTearDown]
    public async Task StopFederation() => await _federation.DisposeAsync();

    [Test]
    public async Task LostRange_IsReportedExactly_AndTheResendRequestFillsIt()
    {
        var ee = _federation["ee"];
        var fr = _federation["fr"];
        var before = await PublishAsync(ee, fr, 3, "before");

        await fr.StopAsync();
        var lost = new List<PublishReply>();
        for (var i = 1; i <= 5; i++)
        {
            lost.Add(await ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast($"lost {i}"))));
        }

        var frBroker = _federation.BrokerOf("fr").AmqpUri;
        var inbox = NodeQueues.Inbox("fr");
        var waiting = await RawAmqp.WaitForCountAsync(frBroker, inbox, 5, Bound);
        Assert.That(waiting, Is.EqualTo(5), "exactly the burst waits in fr's inbox");
        await RawAmqp.PurgeAsync(frBroker, inbox);
        await fr.StartAsync();

        var after = await PublishAsync(ee, fr, 2, "after");
        var toJp = Drafts.Broadcast("for jp only");
        toJp.Audience = new Audience { Nodes = { "jp" } };
        var jpOnly = await ee.Client.PublishAsync(Drafts.Request(toJp));
        var last = await PublishAsync(ee, fr, 1, "last");

        var (checkCode, checkOut, checkErr) = await CliRun.AtAsync(fr, "replay", "--check", "--origin", "ee");
        var first = await GapsAsync(fr);
        var (resendCode, _, resendErr) = await CliRun.AtAsync(fr, "replay", "--check", "--resend");
        var repaired = await WaitForNoGapsAsync(fr);
        var (history, _) = await Histories.ReplayAsync(fr, new ReplayRequest { Origin = "ee", Kinds = { "notice" } });
        var (finalCode, finalOut, _) = await CliRun.AtAsync(fr, "replay", "--check");
        var (resends, _) = await Histories.ReplayAsync(fr, new ReplayRequest { Kinds = { "resend" } });
        var replies = resends.Where(i => i.ResendReply is not null).Select(i => i.ResendReply).ToArray();
        var quarantined = await RawAmqp.CountAsync(frBroker, NodeQueues.Quarantine("fr"));

        Assert.Multiple(() =>
        {
            Assert.That(lost.Select(l => l.Sequence), Is.EqualTo(Enumerable.Range((int)before[^1].Sequence + 1, 5).Select(n => (ulong)n)), "one burst of five");
            Assert.That(first.Missing.Select(r => (r.From, r.To)), Is.EqualTo(new[] { (lost[0].Sequence, lost[^1].Sequence), (jpOnly.Sequence, jpOnly.Sequence) }));
            Assert.That(first.HighestReceived, Is.EqualTo(last[0].Sequence));
            Assert.That(after[0].Sequence, Is.EqualTo(lost[^1].Sequence + 1));
            Assert.That(checkCode, Is.EqualTo(5), checkErr);
            Assert.That(checkOut, Does.Contain($"{lost[0].Sequence}-{lost[^1].Sequence}, {jpOnly.Sequence}"));
            Assert.That(resendCode, Is.EqualTo(5), "it reports the gaps it asks for");
            Assert.That(resendErr, Does.Contain($"asked ee to send {lost[0].Sequence}-{lost[^1].Sequence} again"));
            Assert.That(repaired.Missing, Is.Empty, "the lost notices came back, and ee accounted for jp's");
            Assert.That(history.Select(i => i.Notice.NoticeId), Is.SupersetOf(lost.Select(l => l.NoticeId)));
            Assert.That(history.Select(i => i.Notice.NoticeId), Does.Not.Contain(jpOnly.NoticeId), "a notice for jp never reaches fr");
            Assert.That(quarantined, Is.Zero, "nor was it sent and refused there");
            Assert.That(replies.SelectMany(r => r.NotAddressed), Is.EqualTo(new[] { jpOnly.Sequence }));
            Assert.That(replies.SelectMany(r => r.Resent), Is.EquivalentTo(lost.Select(l => l.Sequence)));
            Assert.That(replies.SelectMany(r => r.Unavailable), Is.Empty);
            Assert.That(resends.Count(i => i.ResendRequest is not null && i.Direction == Direction.Sent), Is.EqualTo(2), "one request per missing range");
            Assert.That(history.All(i => i.Verification.Verified), Is.True);
            Assert.That(finalCode, Is.Zero);
            Assert.That(finalOut, Does.Contain("none"));
        });
    }

    private static async Task<List<PublishReply>> PublishAsync(TestNode origin, TestNode at, int count, string title)
    {
        var replies = new List<PublishReply>();
        await using var watch = await AlertCollector.StartAsync(at.Client);
        for (var i = 1; i <= count; i++)
        {
            replies.Add(await origin.Client.PublishAsync(Drafts.Request(Drafts.Broadcast($"{title} {i}"))));
        }

        foreach (var reply in replies)
        {
            await watch.WaitForNoticeAsync(reply.NoticeId, Bound);
        }

        return replies;
    }

    private static async Task<OriginGaps> GapsAsync(TestNode node) =>
        (await new Contracts.V1.History.HistoryClient(node.Channel).CheckGapsAsync(new CheckGapsRequest { Origin = "ee" })).Origins.Single();

    private static async Task<OriginGaps> WaitForNoGapsAsync(TestNode node)
    {
        var deadline = DateTime.UtcNow + Bound;
        OriginGaps gaps;
        while ((gaps = await GapsAsync(node)).Missing.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        return gaps;
    }
}
