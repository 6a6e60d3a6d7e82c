using Grpc.Core;
using Grpc.Health.V1;
using IncidentExchange.IntegrationTests.Support;
using IncidentExchange.Testing;

namespace IncidentExchange.IntegrationTests.Gateway;

/// <summary>
/// A broker that is down: publishing fails fast with UNAVAILABLE and a reason, never with a false
/// success, and works again once the broker is back. Uses its own broker, which it stops and starts.
/// </summary>
[NonParallelizable]
public class BrokerOutageTests
{
    private RabbitBroker _broker = null!;

    [OneTimeSetUp]
    public async Task StartBroker() => _broker = await RabbitBrokers.StartAsync("outage");

    [OneTimeTearDown]
    public async Task StopBroker() => await _broker.DisposeAsync();

    [Test]
    public async Task Publish_NoBrokerListening_IsUnavailableWithReason()
    {
        // Port 1 on loopback: nothing listens there, so every connection attempt is refused.
        await using var node = await TestNode.StartAsync(_broker, amqpUri: "amqp://guest:guest@127.0.0.1:1/", waitUntilServing: false);

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("nowhere to go")), deadline: DateTime.UtcNow.AddSeconds(60)));
        var health = await new Health.HealthClient(node.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
            Assert.That(error.Status.Detail, Does.Contain("127.0.0.1:1").And.Contain("did not confirm"));
            Assert.That(health.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.NotServing));
        });
    }

    [Test]
    public async Task Publish_WhileBrokerStopped_FailsThenSucceedsOnceAfterItReturns()
    {
        await using var node = await TestNode.StartAsync(_broker);
        await using var watcher = await AlertCollector.StartAsync(node.Client);
        var draft = Drafts.Broadcast("sent during the outage");
        draft.NoticeId = Guid.CreateVersion7().ToString("D");

        await _broker.StopAsync();
        RpcException? duringOutage;
        try
        {
            duringOutage = Assert.ThrowsAsync<RpcException>(async () =>
                await node.Client.PublishAsync(Drafts.Request(draft), deadline: DateTime.UtcNow.AddSeconds(60)));
        }
        finally
        {
            await _broker.StartAsync();
        }

        await node.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
        var reply = await PublishWhenBrokerAcceptsAsync(node, draft);
        var alert = await watcher.WaitForNoticeAsync(draft.NoticeId, TimeSpan.FromSeconds(30));
        var marker = await node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("marker")));
        await watcher.WaitForNoticeAsync(marker.NoticeId);

        Assert.Multiple(() =>
        {
            Assert.That(duringOutage!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
            Assert.That(reply.Duplicate, Is.False);
            Assert.That(alert.Notice.Sequence, Is.EqualTo(1), "the retry re-sends the sequence reserved during the outage");
            Assert.That(marker.Sequence, Is.EqualTo(2));
            Assert.That(watcher.Received.Count(a => a.Notice.NoticeId == draft.NoticeId), Is.EqualTo(1));
        });
    }

    // After a restart the circuit breaker may still be open for a few seconds: retry, bounded, as a client would.
    private static async Task<IncidentExchange.Contracts.V1.PublishReply> PublishWhenBrokerAcceptsAsync(TestNode node, IncidentExchange.Contracts.V1.IncidentNotice draft)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await node.Client.PublishAsync(Drafts.Request(draft), deadline: DateTime.UtcNow.AddSeconds(30));
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
