using System.Diagnostics;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.History;
using IncidentExchange.IntegrationTests.Support;
using IncidentExchange.Messaging.Topology;
using IncidentExchange.Testing;
using Microsoft.Extensions.Options;

namespace IncidentExchange.IntegrationTests.Hardening;

/// <summary>
/// Faults during steady traffic between three nodes: ee and jp publish to everyone all along while fr's gateway
/// is killed (SIGKILL) and restarted, fr's broker is restarted, and the link that brings ee's notices to fr is cut
/// for a minute (long enough for the bounded queue holding them at ee's broker to fill, so ee's broker refuses
/// more and ee's publisher retries). Afterwards every confirmed notice must have been shown exactly once on each
/// durable subscription and be in fr's history exactly once. The test prints what it injected and what it counted.
/// </summary>
public class FaultTests
{
    private const int FederationBound = 300;
    private const int BurstSize = 250;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CutFor = TimeSpan.FromMinutes(1);
    private readonly List<string> _injected = [];
    private LocalFederation _federation = null!;
    private LinkCutter _eeToFr = null!;

    private TestNode Ee => _federation["ee"];

    private TestNode Fr => _federation["fr"];

    private TestNode Jp => _federation["jp"];

    [OneTimeSetUp]
    public async Task StartFederation()
    {
        _federation = await LocalFederation.StartAsync(["ee", "fr", "jp"], configure: (id, settings) =>
        {
            if (id == "ee")
            {
                // Notices for a peer whose link is down wait at the publishing node's broker, at most this many.
                settings["Incx:Broker:FederationMaxQueued"] = FederationBound.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (id != "fr")
            {
                return;
            }

            // fr's broker reaches ee's broker through a line the test can cut.
            var peer = settings.Single(s => s.Key.StartsWith("Incx:Peers:", StringComparison.Ordinal) && s.Key.EndsWith(":Node", StringComparison.Ordinal) && s.Value == "ee").Key;
            var uriKey = peer[..^"Node".Length] + "AmqpUri";
            var uri = new UriBuilder(settings[uriKey]!);
            _eeToFr = LinkCutter.Start(uri.Port);
            uri.Port = _eeToFr.Port;
            settings[uriKey] = uri.Uri.ToString();
        }, ownProcess: ["fr"]);
    }

    [OneTimeTearDown]
    public async Task StopFederation()
    {
        await _federation.DisposeAsync();
        await _eeToFr.DisposeAsync();
    }

    [Test]
    public async Task KillRestartCutAndFill_DuringSteadyTraffic_EveryNoticeShownOncePerSubscriptionAndStoredOnce()
    {
        var start = DateTimeOffset.UtcNow;
        await using var atFr = await DurableWatcher.StartAsync(() => Fr.Client, "desk");
        await using var atJp = await DurableWatcher.StartAsync(() => Jp.Client, "desk");
        await using var fromEe = SteadyTraffic.Start(() => Ee.Client, "ee steady", Pace);
        await using var fromJp = SteadyTraffic.Start(() => Jp.Client, "jp steady", Pace);
        await Task.Delay(TimeSpan.FromSeconds(5));

        var burst = new List<string>();
        var journaledAtKill = 0;
        await InjectAsync($"a burst of {BurstSize} notices from ee, then kill -9 fr's gateway while it takes them in; restart it after 3 s", async () =>
        {
            burst.AddRange(await PublishBurstAsync());
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            Fr.Kill();
            // What the killed gateway journaled but the broker had not confirmed: sent when it starts again.
            using (var journal = new HistoryJournal(Options.Create(new NodeOptions { DataDirectory = Fr.Settings["Incx:DataDirectory"]! })))
            {
                journaledAtKill = journal.UnconfirmedAtStart.Count;
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            await Fr.StartProcessAsync();
        });
        await Task.Delay(TimeSpan.FromSeconds(5));

        await InjectAsync("restart fr's broker", async () =>
        {
            await _federation.BrokerOf("fr").StopAsync();
            await _federation.BrokerOf("fr").StartAsync();
            await Fr.WaitUntilServingAsync(TimeSpan.FromSeconds(90));
        });
        await Task.Delay(TimeSpan.FromSeconds(5));

        var refusedBefore = fromEe.Refusals;
        await InjectAsync($"cut the ee→fr link for {CutFor.TotalSeconds:0} s (queue for fr at ee bounded to {FederationBound})", async () =>
        {
            _eeToFr.Cut();
            await Task.Delay(CutFor);
            _eeToFr.Restore();
            await Fr.WaitUntilServingAsync(TimeSpan.FromSeconds(60), "incx.v1.peer.ee");
        });
        var refusedWhileFull = fromEe.Refusals - refusedBefore;
        await Task.Delay(TimeSpan.FromSeconds(5));

        var sentByEe = await fromEe.StopAsync();
        var sentByJp = await fromJp.StopAsync();
        var fromEeAll = sentByEe.Keys.Concat(burst).ToList();
        var everyone = fromEeAll.Concat(sentByJp.Keys).ToList();
        var missingAtFr = await atFr.WaitForAllAsync(everyone, TimeSpan.FromMinutes(2));
        var missingAtJp = await atJp.WaitForAllAsync(fromEeAll, TimeSpan.FromMinutes(1));
        var (history, _) = await Histories.ReplayWhenAvailableAsync(Fr, new ReplayRequest { Since = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(start), Kinds = { "notice" } });
        var stored = history.Where(i => i.Direction == Direction.Received && i.Notice is not null).GroupBy(i => i.Notice.NoticeId).ToDictionary(g => g.Key, g => g.Count());
        var quarantined = await RawAmqp.CountAsync(_federation.BrokerOf("fr").AmqpUri, NodeQueues.Quarantine("fr"));

        var frShown = Counts(atFr, everyone);
        var jpShown = Counts(atJp, fromEeAll);
        var notStored = everyone.Where(id => !stored.ContainsKey(id)).ToList();
        var storedTwice = stored.Where(s => s.Value > 1).Select(s => s.Key).ToList();
        TestContext.Out.WriteLine("injected:");
        _injected.ForEach(line => TestContext.Out.WriteLine("  " + line));
        TestContext.Out.WriteLine($"counted: sent {everyone.Count} (ee {sentByEe.Count} + {burst.Count} in the burst, jp {sentByJp.Count}; ee's publisher was refused {refusedWhileFull} times while fr's queue was full and retried; {_eeToFr.Dropped} connections cut or refused on the line)");
        TestContext.Out.WriteLine($"  fr desk: shown {frShown.Shown}, redelivered while pending {frShown.Redelivered}, duplicates {frShown.Duplicates.Count}, lost {missingAtFr.Count}, watch reconnects {atFr.Reconnects}");
        TestContext.Out.WriteLine($"  jp desk: shown {jpShown.Shown}, redelivered while pending {jpShown.Redelivered}, duplicates {jpShown.Duplicates.Count}, lost {missingAtJp.Count}");
        TestContext.Out.WriteLine($"  fr history: stored {stored.Count}, missing {notStored.Count}, stored twice {storedTwice.Count} ({journaledAtKill} copies were journaled but unconfirmed at the kill); quarantined at fr {quarantined}");

        Assert.Multiple(() =>
        {
            Assert.That(sentByEe, Has.Count.GreaterThan(0));
            Assert.That(refusedWhileFull, Is.GreaterThan(0), "the queue for fr at ee filled during the cut");
            Assert.That(missingAtFr, Is.Empty, "lost at fr's subscription");
            Assert.That(missingAtJp, Is.Empty, "lost at jp's subscription");
            Assert.That(frShown.Duplicates, Is.Empty, "shown twice at fr (not as a pending redelivery)");
            Assert.That(jpShown.Duplicates, Is.Empty, "shown twice at jp (not as a pending redelivery)");
            Assert.That(notStored, Is.Empty, "missing from fr's history");
            Assert.That(storedTwice, Is.Empty, "twice in fr's history");
            Assert.That(quarantined, Is.Zero, "valid traffic quarantined");
        });
    }

    // One PublishBatch call: fr's inbox then holds hundreds of notices when it is killed, in every stage of handling.
    private async Task<List<string>> PublishBurstAsync()
    {
        var drafts = Enumerable.Range(1, BurstSize).Select(i =>
        {
            var draft = Drafts.Broadcast($"burst {i}");
            draft.NoticeId = Guid.CreateVersion7().ToString("D");
            return draft;
        }).ToList();
        using var call = Ee.Client.PublishBatch();
        foreach (var draft in drafts)
        {
            await call.RequestStream.WriteAsync(Drafts.Request(draft));
        }

        await call.RequestStream.CompleteAsync();
        await call;
        return drafts.Select(d => d.NoticeId).ToList();
    }

    private async Task InjectAsync(string fault, Func<Task> inject)
    {
        var clock = Stopwatch.StartNew();
        await inject();
        _injected.Add($"{fault} (back in {clock.Elapsed.TotalSeconds:F1} s)");
    }

    // Shown: distinct notices. A redelivery of one still pending (shown before its acknowledgement was made, or to a
    // watch that died with it in flight) is the subscription doing its job, marked so; a duplicate is a notice
    // delivered as new more than once.
    private static (int Shown, int Redelivered, List<string> Duplicates) Counts(DurableWatcher watcher, IEnumerable<string> expected)
    {
        var wanted = expected.ToHashSet();
        var alerts = watcher.Received.Where(a => a.Notice is not null && wanted.Contains(a.Notice.NoticeId)).ToList();
        var duplicates = alerts.Where(a => !a.Redelivered).GroupBy(a => a.Notice.NoticeId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return (alerts.Select(a => a.Notice.NoticeId).Distinct().Count(), alerts.Count(a => a.Redelivered), duplicates);
    }
}
