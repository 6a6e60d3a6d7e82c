using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentExchange.IntegrationTests.Subscriptions;

/// <summary>
/// Early warning across three real nodes: ee's critical notices must be acknowledged within 8 s (a short deadline
/// for the test, long enough for jp's acknowledgement to travel back on a busy machine). jp's officer acknowledges at once; fr's officer watches but does not: ee flags fr overdue, counts
/// it, and re-alerts fr once, and fr's officer sees the notice again, marked as a reminder.
/// </summary>
[NonParallelizable]
public class AcknowledgementDeadlineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private LocalFederation _federation = null!;

    [OneTimeSetUp]
    public async Task StartFederation() =>
        _federation = await LocalFederation.StartAsync(["ee", "fr", "jp"], configure: (id, settings) =>
        {
            if (id == "ee")
            {
                settings["Incx:Alerts:AcknowledgeDeadline"] = Deadline.ToString();
            }
        });

    [OneTimeTearDown]
    public async Task StopFederation() => await _federation.DisposeAsync();

    [Test]
    public async Task CriticalNotice_FrDoesNotAcknowledge_FlaggedCountedAndRealertedOnce_JpNot()
    {
        var ee = _federation["ee"];
        var fr = _federation["fr"];
        var jp = _federation["jp"];
        var frWatch = await AlertCollector.ConnectDurableAsync(fr.Client, new SubscribeRequest { Subscription = "crisis" });
        await using var jpWatch = await AlertCollector.ConnectDurableAsync(jp.Client, new SubscribeRequest { Subscription = "crisis" });

        var draft = Drafts.Broadcast("critical: power grid operator compromised", Severity.Critical);
        var low = Drafts.Broadcast("low: scanning seen", Severity.Low);
        var critical = await ee.Client.PublishAsync(Drafts.Request(draft));
        var lowReply = await ee.Client.PublishAsync(Drafts.Request(low));
        await jpWatch.WaitForNoticeAsync(critical.NoticeId, Bound);
        await jp.Client.AcknowledgeAsync(new AcknowledgeRequest { Subscription = "crisis", NoticeId = critical.NoticeId, AcknowledgedBy = "jp duty officer" });
        await frWatch.WaitForNoticeAsync(critical.NoticeId, Bound);

        var reminder = await frWatch.WaitForAsync(a => a.Reminder && a.Notice?.NoticeId == critical.NoticeId, Bound);
        var status = await DeliveryStatuses.WaitForAsync(ee, critical.NoticeId, s => s.Recipients.Single(r => r.NodeId == "fr").RealertedAt is not null);
        // Several more looks of the deadline watcher (one every 2 s here): fr is re-alerted once, not again.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (code, statusOut, statusErr) = await CliRun.AtAsync(ee, "status", critical.NoticeId);
        var lowStatus = await ee.Client.GetDeliveryStatusAsync(new DeliveryStatusRequest { NoticeId = lowReply.NoticeId });

        // Acknowledging settles fr's alert, both copies (a new connection gets neither again), and reaches ee, late.
        var acked = await fr.Client.AcknowledgeAsync(new AcknowledgeRequest { Subscription = "crisis", NoticeId = critical.NoticeId, AcknowledgedBy = "fr duty officer" });
        await fr.Client.AcknowledgeAsync(new AcknowledgeRequest { Subscription = "crisis", NoticeId = lowReply.NoticeId });
        var late = await DeliveryStatuses.WaitForAsync(ee, critical.NoticeId, s => s.Recipients.Single(r => r.NodeId == "fr").AcknowledgedAt is not null);
        await frWatch.DisposeAsync();
        await using var frAgain = await AlertCollector.ConnectDurableAsync(fr.Client, new SubscribeRequest { Subscription = "crisis" });
        await Task.Delay(TimeSpan.FromSeconds(2));
        var jpLine = statusOut.Split('\n').Single(line => line.Contains("│ jp ", StringComparison.Ordinal));
        var frLine = statusOut.Split('\n').Single(line => line.Contains("│ fr ", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            var frStatus = status.Recipients.Single(r => r.NodeId == "fr");
            var jpStatus = status.Recipients.Single(r => r.NodeId == "jp");
            Assert.That(status.AcknowledgeBy.ToDateTimeOffset(), Is.EqualTo(status.PublishedAt.ToDateTimeOffset() + Deadline));
            Assert.That(frStatus.Overdue, Is.True);
            Assert.That(frStatus.RealertedAt.ToDateTimeOffset(), Is.GreaterThanOrEqualTo(status.AcknowledgeBy.ToDateTimeOffset()));
            Assert.That(jpStatus.Overdue, Is.False, "jp acknowledged in time");
            Assert.That(jpStatus.RealertedAt, Is.Null);
            Assert.That(reminder.Subscription, Is.EqualTo("crisis"));
            Assert.That(frWatch.Received.Count(a => a.Reminder), Is.EqualTo(1), "re-alerted once");
            Assert.That(jpWatch.Received.Count(a => a.Reminder), Is.Zero);
            Assert.That(ee.Services.GetRequiredService<GatewayMetrics>().AcknowledgementsOverdue, Is.EqualTo(1));
            Assert.That(lowStatus.AcknowledgeBy, Is.Null, "only critical notices have a deadline");
            Assert.That(lowStatus.Recipients.Any(r => r.Overdue), Is.False);
            Assert.That(code, Is.Zero, statusErr);
            Assert.That(frLine, Does.Contain("OVERDUE, re-alerted"));
            Assert.That(jpLine, Does.Contain("met"));
            Assert.That(acked.Acknowledged, Is.EqualTo(1), "one alert, shown twice");
            Assert.That(frAgain.Received, Is.Empty, "nothing of it is pending any more");
            Assert.That(late.Recipients.Single(r => r.NodeId == "fr").AcknowledgedBy, Is.EqualTo("fr duty officer (crisis)"));
            Assert.That(late.Recipients.Single(r => r.NodeId == "fr").Overdue, Is.True, "acknowledged, but late");
        });
    }
}
