using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Gateway;

/// <summary>Client-streaming batch publish: confirmed as a whole, idempotent, all-or-nothing on validation.</summary>
public class BatchPublishTests : NodeTest
{
    [Test]
    public async Task PublishBatch_ThreeNotices_AllDeliveredWithConsecutiveSequences()
    {
        await using var watcher = await AlertCollector.StartAsync(Node.Client);
        var drafts = Enumerable.Range(1, 3).Select(i => WithId(Drafts.Broadcast($"batch item {i}"))).ToList();

        var reply = await SendBatchAsync(drafts);
        foreach (var draft in drafts)
        {
            await watcher.WaitForNoticeAsync(draft.NoticeId);
        }

        Assert.Multiple(() =>
        {
            Assert.That(reply.Results.Select(r => r.Sequence), Is.EqualTo(new ulong[] { 1, 2, 3 }));
            Assert.That(reply.Results.Select(r => r.NoticeId), Is.EqualTo(drafts.Select(d => d.NoticeId)));
            Assert.That(reply.Results.Any(r => r.Duplicate), Is.False);
        });
    }

    [Test]
    public async Task PublishBatch_SentTwice_SecondIsAllDuplicatesAndDeliversNothing()
    {
        await using var watcher = await AlertCollector.StartAsync(Node.Client);
        var drafts = Enumerable.Range(1, 3).Select(i => WithId(Drafts.Broadcast($"twice {i}"))).ToList();

        await SendBatchAsync(drafts);
        var again = await SendBatchAsync(drafts);
        var marker = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("marker")));
        await watcher.WaitForNoticeAsync(marker.NoticeId);

        Assert.Multiple(() =>
        {
            Assert.That(again.Results.All(r => r.Duplicate), Is.True);
            Assert.That(marker.Sequence, Is.EqualTo(4));
            Assert.That(watcher.Received, Has.Count.EqualTo(4));
        });
    }

    [Test]
    public async Task PublishBatch_OneInvalidNotice_RejectsWholeBatchNamingIt()
    {
        var drafts = new List<IncidentNotice> { Drafts.Broadcast("fine"), Drafts.Broadcast("broken"), Drafts.Broadcast("fine too") };
        drafts[1].Indicators.Add(new Indicator { Type = IndicatorType.Ipv4, Value = "not-an-ip" });

        var error = Assert.ThrowsAsync<RpcException>(async () => await SendBatchAsync(drafts));
        var next = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("after the rejected batch")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(error.Status.Detail, Does.StartWith("Notice #2 of the batch").And.Contain("not-an-ip"));
            Assert.That(next.Sequence, Is.EqualTo(1), "nothing of the rejected batch was sequenced");
        });
    }

    [Test]
    public void PublishBatch_SameNoticeTwiceInOneBatch_IsRejected()
    {
        var draft = WithId(Drafts.Broadcast("twice in one batch"));

        var error = Assert.ThrowsAsync<RpcException>(async () => await SendBatchAsync([draft, draft.Clone()]));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(error.Status.Detail, Does.Contain("repeats notice").And.Contain("#1"));
        });
    }

    private async Task<PublishBatchReply> SendBatchAsync(IEnumerable<IncidentNotice> drafts)
    {
        using var call = Node.Client.PublishBatch();
        foreach (var draft in drafts)
        {
            await call.RequestStream.WriteAsync(Drafts.Request(draft));
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    private static IncidentNotice WithId(IncidentNotice draft)
    {
        draft.NoticeId = Guid.CreateVersion7().ToString("D");
        return draft;
    }
}
