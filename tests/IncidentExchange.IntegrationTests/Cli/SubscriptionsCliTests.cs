using IncidentExchange.Cli;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Cli;

/// <summary>A duty officer's console: watch a durable subscription with --ack, acknowledge by id, list and delete.</summary>
public class SubscriptionsCliTests : NodeTest
{
    [Test]
    public async Task WatchWithAck_AfterBeingAway_ShowsWhatArrivedAndLeavesNothingPending()
    {
        // The first watch creates the subscription; the officer then goes away.
        var (created, _, createdErr) = await RunAsync("watch", "--subscription", "duty", "--timeout", "2s");
        var published = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("arrived while away")));

        var (watched, watchOut, watchErr) = await RunAsync("watch", "--subscription", "duty", "--ack", "--as", "officer", "--count", "1", "--timeout", "30s");
        var (again, againOut, _) = await RunAsync("watch", "--subscription", "duty", "--json", "--timeout", "3s");
        var (listed, listOut, _) = await RunAsync("subscriptions", "list");
        var (deleted, deleteOut, _) = await RunAsync("subscriptions", "delete", "duty");

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.Zero, createdErr);
            Assert.That(watched, Is.Zero, watchErr);
            Assert.That(watchOut, Does.Contain("arrived while away").And.Contain(published.NoticeId));
            Assert.That(again, Is.Zero);
            Assert.That(againOut, Is.Empty, "acknowledged: not delivered again");
            Assert.That(listed, Is.Zero);
            Assert.That(listOut, Does.Contain("duty"));
            Assert.That(deleted, Is.Zero);
            Assert.That(deleteOut, Does.StartWith("Deleted subscription 'duty'"));
        });
    }

    [Test]
    public async Task Ack_ByNoticeId_WhileAWatchRuns_AcknowledgesIt()
    {
        await RunAsync("watch", "--subscription", "desk", "--timeout", "2s");
        var published = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("to acknowledge by id")));
        var watchOut = new CapturedWriter();
        var watchErr = new CapturedWriter();
        var watch = CliApp.RunAsync(["watch", "--gateway", Node.Address.ToString(), "--token", Node.Token, "--subscription", "desk", "--count", "2", "--timeout", "15s"], watchOut, watchErr);
        await watchOut.WaitForAsync(published.NoticeId, TimeSpan.FromSeconds(30));

        var (acked, ackOut, ackErr) = await RunAsync("ack", published.NoticeId, "--subscription", "desk", "--as", "officer");
        var (twice, _, twiceErr) = await RunAsync("ack", published.NoticeId, "--subscription", "desk");
        await watch;

        Assert.Multiple(() =>
        {
            Assert.That(acked, Is.Zero, ackErr);
            Assert.That(ackOut, Does.StartWith("Acknowledged 1 pending alert(s)"));
            Assert.That(twice, Is.EqualTo(1));
            Assert.That(twiceErr, Does.Contain("Nothing with id"));
        });
    }

    [Test]
    public async Task WatchAck_WithoutSubscription_IsRefusedInOneSentence()
    {
        var (code, _, error) = await RunAsync("watch", "--ack", "--timeout", "1s");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Does.Contain("--ack needs --subscription"));
        });
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CliRun.AtAsync(Node, args);
}
