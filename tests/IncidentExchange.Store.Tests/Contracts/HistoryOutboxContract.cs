using IncidentExchange.Store.History;
using IncidentExchange.Store.Tests.Support;

namespace IncidentExchange.Store.Tests.Contracts;

/// <summary>The history outbox: copies kept until confirmed, read back in order, page by page.</summary>
public abstract class HistoryOutboxContract(IStoreProvider provider) : StoreContract(provider)
{
    [Test]
    public async Task AppendAsync_Copies_ReadBackInOrderWithHeadersAndBody()
    {
        var copies = new[] { Copy("a"), Copy("b", new Dictionary<string, string> { ["incx-direction"] = "received", ["incx-signer"] = "fr" }), Copy("c") };

        var ids = await Store.HistoryOutbox.AppendAsync(copies);
        var pending = await (await OpenAsync()).HistoryOutbox.PendingAsync(0, 10);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids, Is.Ordered.Ascending.And.Unique);
            Assert.That(pending.Select(p => p.Id), Is.EqualTo(ids));
            Assert.That(pending.Select(p => p.Copy.MessageId), Is.EqualTo(new[] { "a", "b", "c" }));
            Assert.That(pending[1].Copy.Headers, Is.EquivalentTo(copies[1].Headers));
            Assert.That(pending[1].Copy.Body, Is.EqualTo(copies[1].Body));
            Assert.That(pending[1].Copy.RoutingKey, Is.EqualTo("incx.ee.history"));
        }
    }

    [Test]
    public async Task ConfirmAsync_SomeCopies_OnlyTheOthersStayPending()
    {
        var ids = await Store.HistoryOutbox.AppendAsync([Copy("a"), Copy("b"), Copy("c"), Copy("d")]);

        await Store.HistoryOutbox.ConfirmAsync([ids[0], ids[2]]);

        var pending = await Store.HistoryOutbox.PendingAsync(0, 10);
        Assert.That(pending.Select(p => p.Copy.MessageId), Is.EqualTo(new[] { "b", "d" }));
    }

    [Test]
    public async Task PendingAsync_Paged_EachPageAfterTheLastId()
    {
        var ids = await Store.HistoryOutbox.AppendAsync([.. Enumerable.Range(0, 5).Select(i => Copy($"m{i}"))]);

        var first = await Store.HistoryOutbox.PendingAsync(0, 2);
        var second = await Store.HistoryOutbox.PendingAsync(first[^1].Id, 2);
        var last = await Store.HistoryOutbox.PendingAsync(second[^1].Id, 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Concat(second).Concat(last).Select(p => p.Id), Is.EqualTo(ids));
            Assert.That(last, Has.Count.EqualTo(1));
        }
    }

    private static HistoryCopy Copy(string messageId, Dictionary<string, string>? headers = null) =>
        new("incx.ee.history", messageId, headers ?? [], [.. messageId.Select(c => (byte)c)]);
}
