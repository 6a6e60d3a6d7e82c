using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.IntegrationTests.Support;
using IncidentExchange.Messaging.Topology;

namespace IncidentExchange.IntegrationTests.Subscriptions;

/// <summary>Durable subscriptions of a crisis contact point at a real gateway and broker.</summary>
public class DurableSubscriptionTests : NodeTest
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Disconnected_WhileFivePublished_ReconnectSeesAllFiveOnce_AcknowledgedOnesDoNotReturn()
    {
        await (await ConnectAsync("crisis")).DisposeAsync();
        var ids = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add((await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast($"alert {i}")))).NoticeId);
        }

        List<Alert> first;
        await using (var watch = await ConnectAsync("crisis"))
        {
            foreach (var id in ids)
            {
                await watch.WaitForNoticeAsync(id, Bound);
            }

            await Task.Delay(500);
            first = [.. watch.Received];
            foreach (var id in ids.Take(2))
            {
                var acked = await Node.Client.AcknowledgeAsync(new AcknowledgeRequest { Subscription = "crisis", NoticeId = id, AcknowledgedBy = "duty officer" });
                Assert.That(acked.Acknowledged, Is.EqualTo(1));
            }
        }

        await using var again = await ConnectAsync("crisis");
        foreach (var id in ids.Skip(2))
        {
            await again.WaitForNoticeAsync(id, Bound);
        }

        await Task.Delay(500);
        Assert.Multiple(() =>
        {
            Assert.That(first.Select(a => a.Notice.NoticeId), Is.EquivalentTo(ids), "each of the five exactly once");
            Assert.That(first.Select(a => a.Subscription), Is.All.EqualTo("crisis"));
            Assert.That(again.Received.Select(a => a.Notice.NoticeId), Is.EquivalentTo(ids.Skip(2)), "the three unacknowledged ones, once each");
            Assert.That(again.Received.Select(a => a.Redelivered), Is.All.True);
        });
    }

    [Test]
    public async Task CriticalNotice_AfterABacklogOf2000Low_IsAmongTheFirstTenDelivered()
    {
        await (await ConnectAsync("early-warning")).DisposeAsync();
        for (var batch = 0; batch < 2; batch++)
        {
            using var call = Node.Client.PublishBatch();
            for (var i = 0; i < 1000; i++)
            {
                await call.RequestStream.WriteAsync(Drafts.Request(Drafts.Broadcast($"low {batch}-{i}", Severity.Low)));
            }

            await call.RequestStream.CompleteAsync();
            await call;
        }

        var critical = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("critical after the backlog", Severity.Critical)));
        await RawAmqp.WaitForCountAsync(BrokerSetUp.Broker.AmqpUri, NodeQueues.Subscription(Node.NodeId, "early-warning"), 2001, Bound);

        await using var watch = await ConnectAsync("early-warning");
        await watch.WaitForAsync(_ => watch.Received.Count >= 10, Bound);
        var firstTen = watch.Received.Take(10).Select(a => a.Notice.NoticeId).ToArray();

        // The bound checked: the critical notice published after 2000 low ones is among the first 10 delivered.
        Assert.That(firstTen, Does.Contain(critical.NoticeId), $"position: {watch.Received.Select(a => a.Notice.NoticeId).ToList().IndexOf(critical.NoticeId)}");
    }

    [Test]
    public async Task Filters_StoredWithTheSubscription_ApplyOnReconnectAndOthersAreRefused()
    {
        await (await ConnectAsync("high-only", Severity.High)).DisposeAsync();
        var low = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("low", Severity.Low)));
        var high = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("high", Severity.High)));
        // Filtered when stored: what the subscription does not want never takes room in its bounded queue.
        var queue = NodeQueues.Subscription(Node.NodeId, "high-only");
        await RawAmqp.WaitForCountAsync(BrokerSetUp.Broker.AmqpUri, queue, 1, Bound);

        await Task.Delay(500);
        Assert.That(await RawAmqp.CountAsync(BrokerSetUp.Broker.AmqpUri, queue), Is.EqualTo(1), "only the high notice waits");

        await using (var watch = await ConnectAsync("high-only"))
        {
            await watch.WaitForNoticeAsync(high.NoticeId, Bound);
            await Task.Delay(500);
            Assert.That(watch.Received.Select(a => a.Notice.NoticeId), Does.Not.Contain(low.NoticeId));
        }

        var other = await RefusalAsync("high-only", Severity.Low);
        var list = await Node.Client.ListSubscriptionsAsync(new ListSubscriptionsRequest());

        Assert.Multiple(() =>
        {
            Assert.That(other.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
            Assert.That(other.Status.Detail, Does.Contain("exists with other filters"));
            Assert.That(list.Subscriptions.Single(s => s.Name == "high-only").MinSeverity, Is.EqualTo(Severity.High));
        });
    }

    [Test]
    public async Task SecondClient_OfTheSameSubscription_IsRefused()
    {
        await using var first = await ConnectAsync("desk");

        var second = await RefusalAsync("desk");

        Assert.Multiple(() =>
        {
            Assert.That(second.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
            Assert.That(second.Status.Detail, Does.Contain("already being watched"));
        });
    }

    [Test]
    public async Task Delete_DropsThePendingAlerts_AndAnUnknownNameIsNotFound()
    {
        await (await ConnectAsync("temporary")).DisposeAsync();
        await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("waiting")));
        await RawAmqp.WaitForCountAsync(BrokerSetUp.Broker.AmqpUri, NodeQueues.Subscription(Node.NodeId, "temporary"), 1, Bound);

        var deleted = await Node.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Name = "temporary" });
        var again = Assert.ThrowsAsync<RpcException>(async () => await Node.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Name = "temporary" }));
        var badName = Assert.ThrowsAsync<RpcException>(async () => await Node.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Name = "Bad Name" }));

        Assert.Multiple(() =>
        {
            Assert.That(deleted.PendingDropped, Is.EqualTo(1));
            Assert.That(again!.StatusCode, Is.EqualTo(StatusCode.NotFound));
            Assert.That(badName!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        });
    }

    [Test]
    public async Task Delete_WhileWatched_EndsTheClientsStreamAndFreesTheName()
    {
        using var call = Node.Client.Subscribe(new SubscribeRequest { Subscription = "gone" }, deadline: DateTime.UtcNow.AddSeconds(30));
        await call.ResponseHeadersAsync;

        await Node.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Name = "gone" });
        var ended = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());
        await using var again = await ConnectAsync("gone");

        Assert.Multiple(() =>
        {
            Assert.That(ended!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
            Assert.That(ended.Status.Detail, Does.Contain("'gone'"));
        });
    }

    [Test]
    public async Task UnusedSubscription_ExpiresAfterTheConfiguredTime()
    {
        await Node.StopAsync();
        Node.Settings["Incx:Subscriptions:Expiry"] = "00:00:02";
        await Node.StartAsync();
        await (await ConnectAsync("short-lived")).DisposeAsync();

        var deadline = DateTime.UtcNow + Bound;
        var listed = true;
        while (listed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            listed = (await Node.Client.ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions.Any(s => s.Name == "short-lived");
        }

        Assert.That(listed, Is.False, "the broker deletes a subscription unused for Incx:Subscriptions:Expiry");
    }

    private Task<AlertCollector> ConnectAsync(string name, Severity minSeverity = Severity.Unspecified) =>
        AlertCollector.ConnectDurableAsync(Node.Client, new SubscribeRequest { Subscription = name, MinSeverity = minSeverity });

    private Task<AlertCollector> ConnectOnceAsync(string name, Severity minSeverity = Severity.Unspecified) =>
        AlertCollector.StartAsync(Node.Client, new SubscribeRequest { Subscription = name, MinSeverity = minSeverity });

    // A refused subscribe ends the call with its status before any alert (a trailers-only response).
    private async Task<RpcException> RefusalAsync(string name, Severity minSeverity = Severity.Unspecified)
    {
        using var call = Node.Client.Subscribe(new SubscribeRequest { Subscription = name, MinSeverity = minSeverity }, deadline: DateTime.UtcNow.AddSeconds(10));
        try
        {
            await call.ResponseStream.MoveNext();
        }
        catch (RpcException ex)
        {
            return ex;
        }

        throw new AssertionException($"Subscribing to '{name}' was not refused.");
    }
}
