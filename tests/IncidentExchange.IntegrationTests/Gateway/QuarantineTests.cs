using System.Text;
using Google.Protobuf;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Crypto;
using IncidentExchange.IntegrationTests.Support;
using IncidentExchange.Messaging.Topology;
using RabbitMQ.Client;

namespace IncidentExchange.IntegrationTests.Gateway;

/// <summary>Bad input injected straight into the exchange, as a hostile or broken peer would send it.</summary>
public class QuarantineTests : NodeTest
{
    [Test]
    public async Task TamperedEnvelope_InjectedIntoExchange_IsQuarantinedAndNextGoodOneArrives()
    {
        await using var watcher = await AlertCollector.StartAsync(Node.Client);
        var tampered = SignedByNode(Samples("tampered"));
        tampered.Payload = ByteString.CopyFrom(tampered.Payload.Span.ToArray().Select((b, i) => i == 10 ? (byte)(b ^ 0x01) : b).ToArray());

        await RawAmqp.PublishAsync(BrokerSetUp.Broker.AmqpUri, "notice.all", tampered.ToByteArray());
        var quarantined = await RawAmqp.GetAsync(BrokerSetUp.Broker.AmqpUri, NodeQueues.Quarantine(Node.NodeId));
        var good = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("good one after the bad one")));
        await watcher.WaitForNoticeAsync(good.NoticeId);

        Assert.Multiple(() =>
        {
            Assert.That(Header(quarantined, QuarantineHeaders.Reason), Is.EqualTo("bad-signature"));
            Assert.That(Header(quarantined, QuarantineHeaders.Detail), Does.Contain("does not verify"));
            Assert.That(Header(quarantined, QuarantineHeaders.OriginalRoutingKey), Is.EqualTo("notice.all"));
            Assert.That(quarantined.Body.ToArray(), Is.EqualTo(tampered.ToByteArray()), "quarantine keeps the body unchanged");
            Assert.That(watcher.Received.Select(a => a.Notice.Title), Is.EqualTo(new[] { "good one after the bad one" }));
        });
    }

    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF }, null, "malformed-envelope")]
    [TestCase(new byte[0], null, "malformed-envelope")]
    // Other content types must still reach the inspector, not MassTransit's _skipped or _error queues.
    [TestCase(new byte[] { 0x7B, 0x7D }, "application/vnd.masstransit+json", "malformed-envelope")]
    [TestCase(new byte[] { 0x7B, 0x7D }, "application/json", "malformed-envelope")]
    [TestCase(new byte[] { 0x7B, 0x7D }, "not a content type ;;", "malformed-envelope")]
    public async Task GarbageBody_InjectedIntoExchange_IsQuarantinedWithReason(byte[] body, string? contentType, string reason)
    {
        await RawAmqp.PublishAsync(BrokerSetUp.Broker.AmqpUri, $"notice.{Node.NodeId}", body, contentType);

        var quarantined = await RawAmqp.GetAsync(BrokerSetUp.Broker.AmqpUri, NodeQueues.Quarantine(Node.NodeId));

        Assert.That(Header(quarantined, QuarantineHeaders.Reason), Is.EqualTo(reason));
    }

    [Test]
    public async Task EnvelopeFromUnknownNode_IsQuarantinedAsUnknownSigner()
    {
        using var strangerKey = SigningKey.Generate();
        var envelope = new EnvelopeSealer("stranger", strangerKey).Seal(Samples("stranger", origin: "stranger"));

        await RawAmqp.PublishAsync(BrokerSetUp.Broker.AmqpUri, $"notice.{Node.NodeId}", envelope.ToByteArray());
        var quarantined = await RawAmqp.GetAsync(BrokerSetUp.Broker.AmqpUri, NodeQueues.Quarantine(Node.NodeId));

        Assert.That(Header(quarantined, QuarantineHeaders.Reason), Is.EqualTo("unknown-signer"));
    }

    [Test]
    public async Task RedNoticeForOtherNode_PutOnBroadcastKey_IsQuarantinedAsNotAddressed()
    {
        var notice = Samples("red for someone else");
        notice.Tlp = Tlp.Red;
        notice.Audience = new Audience { Nodes = { "someone-else" } };

        await RawAmqp.PublishAsync(BrokerSetUp.Broker.AmqpUri, "notice.all", SignedByNode(notice).ToByteArray());
        var quarantined = await RawAmqp.GetAsync(BrokerSetUp.Broker.AmqpUri, NodeQueues.Quarantine(Node.NodeId));

        Assert.That(Header(quarantined, QuarantineHeaders.Reason), Is.EqualTo("not-addressed"));
    }

    [Test]
    public async Task QuarantinedEnvelopes_AreCountedByReason()
    {
        await RawAmqp.PublishAsync(BrokerSetUp.Broker.AmqpUri, $"notice.{Node.NodeId}", Encoding.UTF8.GetBytes("not protobuf at all"));
        await RawAmqp.GetAsync(BrokerSetUp.Broker.AmqpUri, NodeQueues.Quarantine(Node.NodeId));

        var metrics = (IncidentExchange.Gateway.Observability.GatewayMetrics)Node.Services.GetService(typeof(IncidentExchange.Gateway.Observability.GatewayMetrics))!;
        long Count() => metrics.QuarantinedByReason.GetValueOrDefault(IncidentExchange.Core.Inbound.RejectionReason.MalformedEnvelope);
        // The count is taken once the broker confirmed the quarantined copy, a moment after the copy is readable.
        await Poll.UntilAsync(() => Count() > 0, TimeSpan.FromSeconds(10));

        Assert.That(Count(), Is.EqualTo(1));
    }

    private Envelope SignedByNode(IncidentNotice notice)
    {
        var (_, key) = KeyFiles.ReadPrivate(Path.Combine(Node.Directory, "keys", KeyFiles.PrivateFileName(Node.NodeId)));
        using (key)
        {
            return new EnvelopeSealer(Node.NodeId, key).Seal(notice);
        }
    }

    private IncidentNotice Samples(string title, string? origin = null)
    {
        var notice = Drafts.Broadcast(title);
        notice.NoticeId = Guid.CreateVersion7().ToString("D");
        notice.Origin = origin ?? Node.NodeId;
        notice.Sequence = 1_000_000;
        notice.Revision = 1;
        notice.Status = NoticeStatus.Open;
        notice.IssuedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        return notice;
    }

    private static string? Header(BasicGetResult message, string name) =>
        message.BasicProperties.Headers?.TryGetValue(name, out var value) == true && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;
}
