using System.Diagnostics;
using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Subscriptions;

/// <summary>
/// The "ping" drill across three real nodes: ee checks fr and jp. fr's duty officer runs <c>incx watch --ack</c> and
/// answers; jp's node is reachable but nobody acknowledges; once jp's node is stopped, it gives no answer at all.
/// The tests run in order: the last one stops jp.
/// </summary>
[NonParallelizable]
public class CommunicationCheckTests
{
    private LocalFederation _federation = null!;

    [OneTimeSetUp]
    public async Task StartFederation()
    {
        _federation = await LocalFederation.StartAsync(["ee", "fr", "jp"]);
        // Each contact point has a durable subscription before the drill: the check waits there for a person.
        foreach (var node in new[] { "fr", "jp" })
        {
            await (await AlertCollector.StartAsync(_federation[node].Client, new SubscribeRequest { Subscription = "crisis" })).DisposeAsync();
        }

        // The CLI watch below does not retry a refusal: wait until the broker no longer counts that first client.
        await WaitUntilIdleAsync(_federation["fr"], "crisis");
    }

    private static async Task WaitUntilIdleAsync(TestNode node, string subscription)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await node.Client.ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions.FirstOrDefault(s => s.Name == subscription) is not { Connected: false })
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Subscription '{subscription}' at {node.NodeId} still reports a client.");
            }

            await Task.Delay(250);
        }
    }

    [OneTimeTearDown]
    public async Task StopFederation() => await _federation.DisposeAsync();

    [Test, Order(1)]
    public async Task PingAll_FrWatchingWithAck_ReportsFrAcknowledgedAndJpDelivered_WithTimes()
    {
        var ee = _federation["ee"];
        var fr = _federation["fr"];
        // fr's duty officer: the real CLI, acknowledging the first alert it shows, then exiting.
        var frWatch = CliRun.AtAsync(fr, "watch", "--subscription", "crisis", "--ack", "--as", "fr duty officer", "--count", "1", "--timeout", "60s");

        var clock = Stopwatch.StartNew();
        var (code, output, error) = await CliRun.AtAsync(ee, "ping", "--all", "--timeout", "15s");
        var (watchCode, watchOut, watchErr) = await frWatch;
        var report = (await ee.Client.ListChecksAsync(new ListChecksRequest { Limit = 1 })).Checks.Single();

        Assert.Multiple(() =>
        {
            Assert.That(watchCode, Is.Zero, watchErr);
            Assert.That(watchOut, Does.Contain("CHECK").And.Contain(report.CheckId), "fr's officer saw the check");
            Assert.That(code, Is.Zero, error + output);
            Assert.That(report.Complete, Is.True);
            Assert.That(report.Targets.Select(t => t.NodeId), Is.EqualTo(new[] { "fr", "jp" }));
            var frReport = report.Targets[0];
            var jpReport = report.Targets[1];
            Assert.That(frReport.Outcome, Is.EqualTo(CheckOutcome.Acknowledged));
            Assert.That(frReport.AcknowledgedBy, Is.EqualTo("fr duty officer (crisis)"));
            Assert.That(frReport.DeliveredAt, Is.Not.Null);
            Assert.That(frReport.AcknowledgedAt.ToDateTimeOffset(), Is.GreaterThanOrEqualTo(frReport.DeliveredAt.ToDateTimeOffset()));
            Assert.That(jpReport.Outcome, Is.EqualTo(CheckOutcome.Delivered), "jp's node stored it; nobody there acknowledged");
            Assert.That(jpReport.DeliveredAt.ToDateTimeOffset(), Is.GreaterThanOrEqualTo(report.SentAt.ToDateTimeOffset()));
            Assert.That(jpReport.AcknowledgedAt, Is.Null);
            // The table a person reads: outcome and time after sending per node.
            Assert.That(output, Does.Contain("acknowledged +").And.Contain("fr duty officer (crisis)"));
            Assert.That(output, Does.Contain("delivered +").And.Contain("not acknowledged in time"));
            Assert.That(error, Does.Contain("fr acknowledged after").And.Contain("jp delivered after"));
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(14)), "jp never acknowledged, so the ping waited for its timeout");
        });
    }

    [Test, Order(2)]
    public async Task PingJp_WhileItsNodeIsStopped_ReportsNoAnswer_AndHistoryKeepsBothChecks()
    {
        var ee = _federation["ee"];
        await _federation["jp"].StopAsync();
        await _federation.BrokerOf("jp").StopAsync();

        var (code, output, error) = await CliRun.AtAsync(ee, "ping", "--to", "jp", "--timeout", "4s");
        var (historyCode, history, historyErr) = await CliRun.AtAsync(ee, "ping", "--history");
        var reports = (await ee.Client.ListChecksAsync(new ListChecksRequest())).Checks;

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(4), "exit code 4: a target did not answer");
            Assert.That(output, Does.Contain("no answer within 4s"), error);
            Assert.That(reports, Has.Count.EqualTo(2), "both checks are kept, newest first");
            Assert.That(reports[0].Targets.Single().Outcome, Is.EqualTo(CheckOutcome.NoAnswer));
            Assert.That(reports[0].Targets.Single().DeliveredAt, Is.Null);
            Assert.That(reports[1].Targets.Select(t => t.Outcome), Is.EqualTo(new[] { CheckOutcome.Acknowledged, CheckOutcome.Delivered }));
            Assert.That(historyCode, Is.Zero, historyErr);
            Assert.That(history, Does.Contain(reports[0].CheckId).And.Contain(reports[1].CheckId).And.Contain("no answer"));
        });
    }

    [Test, Order(3)]
    public async Task Ping_BadRequests_AreRefusedWithOneSentence()
    {
        var ee = _federation["ee"].Client;
        var notPeer = Assert.ThrowsAsync<RpcException>(async () => await ee.StartCheckAsync(new StartCheckRequest { Targets = { "de" } }));
        var self = Assert.ThrowsAsync<RpcException>(async () => await ee.StartCheckAsync(new StartCheckRequest { Targets = { "ee" } }));
        var neither = Assert.ThrowsAsync<RpcException>(async () => await ee.StartCheckAsync(new StartCheckRequest()));
        var tooLong = Assert.ThrowsAsync<RpcException>(async () => await ee.StartCheckAsync(new StartCheckRequest { All = true, Timeout = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromDays(30)) }));
        var unknown = Assert.ThrowsAsync<RpcException>(async () => await ee.GetCheckReportAsync(new CheckReportRequest { CheckId = "nope" }));
        var kept = (await ee.ListChecksAsync(new ListChecksRequest())).Checks;

        Assert.Multiple(() =>
        {
            Assert.That(notPeer!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(notPeer.Status.Detail, Does.Contain("'de' is not a peer"));
            Assert.That(self!.Status.Detail, Does.Contain("does not check itself"));
            Assert.That(neither!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(tooLong!.Status.Detail, Does.Contain("timeout must be between"));
            Assert.That(unknown!.StatusCode, Is.EqualTo(StatusCode.NotFound));
            Assert.That(kept, Has.Count.EqualTo(2), "refused checks are not kept");
            foreach (var refusal in new[] { notPeer, self, neither, tooLong, unknown })
            {
                Assert.That(refusal.Status.Detail, Does.EndWith(".").And.Not.Contains("\n").And.Not.Contains("Exception"), "one sentence");
            }
        });
    }
}
