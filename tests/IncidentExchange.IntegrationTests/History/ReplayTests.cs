using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.History;

/// <summary>
/// The operator's replay across two real nodes: what fr sent and received survives a restart of its gateway and broker,
/// comes back in order, each envelope verified again, and the filters select what they say.
/// </summary>
[NonParallelizable]
public class ReplayTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private LocalFederation _federation = null!;

    [OneTimeSetUp]
    public async Task StartFederation() => _federation = await LocalFederation.StartAsync(["ee", "fr"]);

    [OneTimeTearDown]
    public async Task StopFederation() => await _federation.DisposeAsync();

    [Test]
    public async Task AfterRestartingFrsGatewayAndBroker_ReplaySinceStart_ReturnsEverySentAndReceivedNotice_VerifiedInOrder()
    {
        var ee = _federation["ee"];
        var fr = _federation["fr"];
        var start = DateTimeOffset.UtcNow;
        var fromEe = new List<string>();
        await using (var watch = await AlertCollector.StartAsync(fr.Client))
        {
            for (var i = 1; i <= 3; i++)
            {
                fromEe.Add((await ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast($"ee notice {i}")))).NoticeId);
            }

            foreach (var id in fromEe)
            {
                await watch.WaitForNoticeAsync(id, Bound);
            }
        }

        var fromFr = new List<string>();
        for (var i = 1; i <= 2; i++)
        {
            fromFr.Add((await fr.Client.PublishAsync(Drafts.Request(Drafts.Broadcast($"fr notice {i}")))).NoticeId);
        }

        // fr's receipts for ee's notices reach ee: then fr has sent them too.
        foreach (var id in fromEe)
        {
            await DeliveryStatuses.WaitForAsync(ee, id, s => s.Recipients.All(r => r.DeliveredAt is not null));
        }

        await fr.StopAsync();
        await _federation.BrokerOf("fr").StopAsync();
        await _federation.BrokerOf("fr").StartAsync();
        await fr.StartAsync();

        var (items, _) = await Histories.ReplayWhenAvailableAsync(fr, new ReplayRequest { Since = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(start) });
        var notices = items.Where(i => i.Notice is not null).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(notices.Where(n => n.Direction == Direction.Received).Select(n => n.Notice.NoticeId), Is.EqualTo(fromEe), "received, in order");
            Assert.That(notices.Where(n => n.Direction == Direction.Sent).Select(n => n.Notice.NoticeId), Is.EqualTo(fromFr), "sent, in order");
            Assert.That(items.All(i => i.Verification.Verified), Is.True, string.Join(" ", items.Where(i => !i.Verification.Verified).Select(i => i.Verification.Detail)));
            Assert.That(items.Select(i => i.Offset), Is.Ordered.Ascending);
            Assert.That(items.Where(i => i.Receipt is not null && i.Direction == Direction.Sent).Select(i => i.Receipt.NoticeId), Is.SupersetOf(fromEe), "fr's DELIVERED receipts");
            Assert.That(items.All(i => i.StoredAt.ToDateTimeOffset() >= start.AddSeconds(-1)), Is.True);
        });
    }

    [Test]
    public async Task Replay_Filters_SelectByOriginSequenceAndKind_AndBadRequestsAreRefused()
    {
        var ee = _federation["ee"];
        var fr = _federation["fr"];
        var published = new List<PublishReply>();
        await using (var watch = await AlertCollector.StartAsync(fr.Client))
        {
            for (var i = 1; i <= 4; i++)
            {
                published.Add(await ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast($"filter notice {i}", i == 4 ? Severity.Critical : Severity.Low))));
            }

            await watch.WaitForNoticeAsync(published[^1].NoticeId, Bound);
        }

        var (range, _) = await Histories.ReplayAsync(fr, new ReplayRequest { Origin = "ee", FromSequence = published[1].Sequence, ToSequence = published[2].Sequence });
        var (critical, _) = await Histories.ReplayAsync(fr, new ReplayRequest { Origin = "ee", MinSeverity = Severity.Critical });
        var (records, _) = await Histories.ReplayAsync(fr, new ReplayRequest { Kinds = { "record" } });
        var (fromOffset, _) = await Histories.ReplayAsync(fr, new ReplayRequest { FromOffset = range[0].Offset, Origin = "ee", Kinds = { "notice" } });
        var noOrigin = Assert.ThrowsAsync<RpcException>(() => Histories.ReplayAsync(fr, new ReplayRequest { FromSequence = 1 }));
        var badKind = Assert.ThrowsAsync<RpcException>(() => Histories.ReplayAsync(fr, new ReplayRequest { Kinds = { "email" } }));
        var (plainCode, plain, plainErr) = await CliRun.AtAsync(fr, "replay", "--origin", "ee", "--kind", "notice");
        var (jsonCode, json, jsonErr) = await CliRun.AtAsync(fr, "replay", "--origin", "ee", "--min-severity", "critical", "--since", "1h", "--json");
        var (badCode, _, badErr) = await CliRun.AtAsync(fr, "replay", "--since", "yesterday");
        var (stixCode, stix, stixErr) = await CliRun.AtAsync(fr, "export", "--format", "stix", "--origin", "ee");
        var (mispCode, misp, _) = await CliRun.AtAsync(fr, "export", "--format", "misp", "--origin", "ee");
        var (jsonlCode, jsonl, _) = await CliRun.AtAsync(fr, "export", "--format", "jsonl", "--origin", "ee");

        Assert.Multiple(() =>
        {
            Assert.That(range.Select(i => i.Notice.NoticeId), Is.EqualTo(published.Skip(1).Take(2).Select(p => p.NoticeId)));
            Assert.That(critical.Select(i => i.Notice.NoticeId), Does.Contain(published[3].NoticeId).And.Not.Contain(published[0].NoticeId));
            Assert.That(records.All(i => i.Record is not null && i.Verification.Verified), Is.True);
            Assert.That(fromOffset.Select(i => i.Notice.NoticeId), Is.SupersetOf(published.Skip(1).Select(p => p.NoticeId)).And.Not.Contain(published[0].NoticeId));
            Assert.That(noOrigin!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(noOrigin.Status.Detail, Does.Contain("needs an origin"));
            Assert.That(badKind!.Status.Detail, Does.Contain("'email' is not a kind"));
            Assert.That(plainCode, Is.Zero, plainErr);
            Assert.That(plain, Does.Contain(published[0].NoticeId).And.Contain(" verified "));
            Assert.That(plainErr, Does.Match(@"incx: \d+ envelope\(s\) replayed, 0 failed verification\."));
            Assert.That(jsonCode, Is.Zero, jsonErr);
            var lines = json.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(1).And.All.Contain("\"verified\": true").And.All.Contain(published[3].NoticeId));
            Assert.That(badCode, Is.Not.Zero);
            Assert.That(badErr, Does.Contain("--since 'yesterday' is not a time"));
            Assert.That((stixCode, mispCode, jsonlCode), Is.EqualTo((0, 0, 0)), stixErr);
            var incidents = System.Text.Json.Nodes.JsonNode.Parse(stix)!["objects"]!.AsArray().Where(o => (string)o!["type"]! == "incident").Select(o => (string)o!["id"]!).ToArray();
            Assert.That(incidents, Is.SupersetOf(published.Select(p => "incident--" + p.NoticeId)));
            var events = System.Text.Json.Nodes.JsonNode.Parse(misp)!["response"]!.AsArray().Select(e => (string)e!["Event"]!["uuid"]!).ToArray();
            Assert.That(events, Is.SupersetOf(published.Select(p => p.NoticeId)));
            var exported = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Core.Export.JsonlExport.Parse).ToArray();
            Assert.That(exported.Where(i => i.Notice is not null).Select(i => i.Notice.NoticeId), Is.SupersetOf(published.Select(p => p.NoticeId)));
            Assert.That(exported.All(i => i.Envelope.Length > 0 && i.Verification.Verified), Is.True);
        });
    }
}
