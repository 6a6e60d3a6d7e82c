using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Gateway;

/// <summary>The publication ledger outlives the gateway process: sequences continue, duplicates stay duplicates.</summary>
public class RestartTests
{
    [Test]
    public async Task Restart_SameDataFolder_ContinuesSequenceAndRemembersPublishedNotices()
    {
        await using var node = await TestNode.StartAsync(BrokerSetUp.Broker);
        var draft = Drafts.Broadcast("before restart");
        draft.NoticeId = Guid.CreateVersion7().ToString("D");
        var before = await node.Client.PublishAsync(Drafts.Request(draft));

        await node.StopAsync();
        await node.StartAsync();
        var repeated = await node.Client.PublishAsync(Drafts.Request(draft));
        var after = await node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("after restart")));

        Assert.Multiple(() =>
        {
            Assert.That(repeated.Duplicate, Is.True);
            Assert.That(repeated.Sequence, Is.EqualTo(before.Sequence));
            Assert.That(repeated.IssuedAt, Is.EqualTo(before.IssuedAt));
            Assert.That(after.Sequence, Is.EqualTo(before.Sequence + 1));
        });
    }
}
