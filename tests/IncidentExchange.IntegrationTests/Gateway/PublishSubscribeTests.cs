using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Gateway;

/// <summary>gRPC publish → real broker → gRPC subscriber, with signatures verified on the way.</summary>
public class PublishSubscribeTests : NodeTest
{
    [Test]
    public async Task Publish_Broadcast_ArrivesAtSubscriberSignedAndVerified()
    {
        await using var watcher = await AlertCollector.StartAsync(Node.Client);
        var draft = Drafts.Broadcast("Wiper on substation HMIs", Severity.Critical);
        draft.Indicators.Add(new Indicator { Type = IndicatorType.Cve, Value = "CVE-2024-3400" });

        var reply = await Node.Client.PublishAsync(Drafts.Request(draft));
        var alert = await watcher.WaitForNoticeAsync(reply.NoticeId);

        Assert.Multiple(() =>
        {
            Assert.That(reply.Sequence, Is.EqualTo(1));
            Assert.That(reply.Duplicate, Is.False);
            Assert.That(reply.RoutingKey, Is.EqualTo("notice.all"));
            Assert.That(alert.SignatureVerified, Is.True);
            Assert.That(alert.Signer, Is.EqualTo(Node.NodeId));
            Assert.That(alert.Notice.Origin, Is.EqualTo(Node.NodeId));
            Assert.That(alert.Notice.Sequence, Is.EqualTo(reply.Sequence));
            Assert.That(alert.Notice.Title, Is.EqualTo(draft.Title));
            Assert.That(alert.Notice.Indicators, Has.Count.EqualTo(2));
            Assert.That(alert.Notice.Status, Is.EqualTo(NoticeStatus.Open));
        });
    }

    [Test]
    public async Task Publish_SequenceNumbers_IncreaseByOnePerNotice()
    {
        var first = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("one")));
        var second = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("two")));

        Assert.That(new[] { first.Sequence, second.Sequence }, Is.EqualTo(new ulong[] { 1, 2 }));
    }

    [Test]
    public async Task Publish_SameIdAndRevisionTwice_IsPublishedAndDeliveredOnce()
    {
        await using var tap = await AmqpTap.StartAsync(BrokerSetUp.Broker.AmqpUri, "notice.all");
        await using var watcher = await AlertCollector.StartAsync(Node.Client);
        var draft = Drafts.Broadcast("published twice");
        draft.NoticeId = Guid.CreateVersion7().ToString("D");

        var first = await Node.Client.PublishAsync(Drafts.Request(draft));
        var second = await Node.Client.PublishAsync(Drafts.Request(draft));
        // A later notice arriving proves the broker had time to deliver any second copy first.
        var marker = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("marker")));
        await watcher.WaitForNoticeAsync(marker.NoticeId);

        Assert.Multiple(() =>
        {
            Assert.That(second.Duplicate, Is.True);
            Assert.That(second.Sequence, Is.EqualTo(first.Sequence));
            Assert.That(marker.Sequence, Is.EqualTo(first.Sequence + 1), "a duplicate must not consume a sequence number");
            Assert.That(watcher.Received.Count(a => a.Notice.NoticeId == draft.NoticeId), Is.EqualTo(1));
        });
        Assert.That((await tap.DrainAsync()).Count(id => id == $"{draft.NoticeId}/1"), Is.EqualTo(1), "messages on the wire");
    }

    [Test]
    public async Task Publish_SameNoticeConcurrently_SendsOneMessageAndOneReplyIsDuplicate()
    {
        await using var tap = await AmqpTap.StartAsync(BrokerSetUp.Broker.AmqpUri, "notice.all");
        var draft = Drafts.Broadcast("raced");
        draft.NoticeId = Guid.CreateVersion7().ToString("D");

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Node.Client.PublishAsync(Drafts.Request(draft)).ResponseAsync));
        var marker = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("marker")));
        await Task.Delay(500);
        var onWire = await tap.DrainAsync();

        Assert.Multiple(() =>
        {
            Assert.That(replies.Count(r => !r.Duplicate), Is.EqualTo(1));
            Assert.That(replies.Select(r => r.Sequence).Distinct(), Is.EqualTo(new ulong[] { 1 }));
            Assert.That(onWire.Count(id => id == $"{draft.NoticeId}/1"), Is.EqualTo(1));
            Assert.That(onWire, Does.Contain($"{marker.NoticeId}/1"));
        });
    }

    [Test]
    public async Task Publish_SameIdAndRevisionWithOtherContent_IsAlreadyExists()
    {
        var draft = Drafts.Broadcast("original");
        draft.NoticeId = Guid.CreateVersion7().ToString("D");
        await Node.Client.PublishAsync(Drafts.Request(draft));
        draft.Title = "changed without a new revision";

        var error = Assert.ThrowsAsync<RpcException>(async () => await Node.Client.PublishAsync(Drafts.Request(draft)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.AlreadyExists));
            Assert.That(error.Status.Detail, Does.Contain("revision 2"));
        });
    }

    [Test]
    public async Task Publish_NewRevision_IsDeliveredAsUpdate()
    {
        await using var watcher = await AlertCollector.StartAsync(Node.Client);
        var draft = Drafts.Broadcast("evolving incident");
        var first = await Node.Client.PublishAsync(Drafts.Request(draft));
        draft.NoticeId = first.NoticeId;
        draft.Revision = 2;
        draft.Summary = "Now with a patch available.";

        var second = await Node.Client.PublishAsync(Drafts.Request(draft));
        var alert = await watcher.WaitForAsync(a => a.Notice.NoticeId == first.NoticeId && a.Notice.Revision == 2);

        Assert.Multiple(() =>
        {
            Assert.That(second.Duplicate, Is.False);
            Assert.That(alert.Notice.Status, Is.EqualTo(NoticeStatus.Update));
            Assert.That(alert.Notice.Sequence, Is.EqualTo(first.Sequence + 1));
        });
    }

    [Test]
    public async Task Publish_InvalidNotice_IsInvalidArgumentAndConsumesNoSequence()
    {
        var draft = Drafts.Broadcast("bad category");
        draft.Category = "ransomware";

        var error = Assert.ThrowsAsync<RpcException>(async () => await Node.Client.PublishAsync(Drafts.Request(draft)));
        var next = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("good")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(error.Status.Detail, Does.Contain("category 'ransomware' is not an RSIT class"));
            Assert.That(next.Sequence, Is.EqualTo(1));
        });
    }

    [Test]
    public void Publish_RedBroadcast_IsRefusedNamingTheRule()
    {
        var draft = Drafts.Broadcast("red to all");
        draft.Tlp = Tlp.Red;

        var error = Assert.ThrowsAsync<RpcException>(async () => await Node.Client.PublishAsync(Drafts.Request(draft)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(error.Status.Detail, Does.Contain("TLP:RED"));
        });
    }

    [Test]
    public void Publish_AsAnotherOrigin_IsRefused()
    {
        var draft = Drafts.Broadcast("spoofed");
        draft.Origin = "fr";

        var error = Assert.ThrowsAsync<RpcException>(async () => await Node.Client.PublishAsync(Drafts.Request(draft)));

        Assert.That(error!.Status.Detail, Does.Contain("only its own notices"));
    }

    [Test]
    public void Publish_ToUnknownNode_IsInvalidArgumentNamingIt()
    {
        var draft = Drafts.Broadcast("to nowhere");
        draft.Audience = new Audience { Nodes = { "nowhere" } };

        var error = Assert.ThrowsAsync<RpcException>(async () => await Node.Client.PublishAsync(Drafts.Request(draft)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(error.Status.Detail, Does.Contain("nowhere is neither this node nor one of its peers"));
        });
    }

    [Test]
    public async Task Subscribe_MinSeverityFilter_SkipsLowerSeverities()
    {
        await using var watcher = await AlertCollector.StartAsync(Node.Client, new SubscribeRequest { MinSeverity = Severity.High });
        await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("low noise", Severity.Low)));
        await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("important", Severity.High)));
        // The inbox consumes concurrently: only a notice sent after the skipped one proves it was skipped.
        var last = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("last", Severity.Critical)));

        await watcher.WaitForNoticeAsync(last.NoticeId);
        await Task.Delay(300);

        Assert.That(watcher.Received.Select(a => a.Notice.Title), Is.EquivalentTo(new[] { "important", "last" }));
    }

    [Test]
    public async Task Subscribe_CategoryAndOriginFilters_SelectOnlyMatches()
    {
        var request = new SubscribeRequest { Categories = { "availability" }, Origins = { Node.NodeId } };
        await using var watcher = await AlertCollector.StartAsync(Node.Client, request);
        await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("malware, not wanted")));
        var ddos = Drafts.Broadcast("ddos, wanted");
        ddos.Category = "availability";
        await Node.Client.PublishAsync(Drafts.Request(ddos));
        ddos.Title = "ddos, last";
        var last = await Node.Client.PublishAsync(Drafts.Request(ddos));

        await watcher.WaitForNoticeAsync(last.NoticeId);
        await Task.Delay(300);

        Assert.That(watcher.Received.Select(a => a.Notice.Title), Is.EquivalentTo(new[] { "ddos, wanted", "ddos, last" }));
    }
}
