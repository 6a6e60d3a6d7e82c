using IncidentExchange.Store.Dedup;
using IncidentExchange.Store.Tests.Support;

namespace IncidentExchange.Store.Tests.Contracts;

/// <summary>The durable dedup window.</summary>
public abstract class DedupContract(IStoreProvider provider) : StoreContract(provider)
{
    [Test]
    public async Task TryAddAsync_NewThenAgain_TrueThenFalseAndContained()
    {
        var key = new DedupKey("fr", NewId(), 1);

        var before = await Store.Dedup.ContainsAsync(key);
        var added = await Store.Dedup.TryAddAsync(key, Start);
        var again = await Store.Dedup.TryAddAsync(key, Start);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { before, added, again }, Is.EqualTo(new[] { false, true, false }));
            Assert.That(await Store.Dedup.ContainsAsync(key), Is.True);
        }
    }

    [Test]
    public async Task TryAddAsync_KeysDifferingInOnePart_AreDifferent()
    {
        var id = NewId();
        await Store.Dedup.TryAddAsync(new DedupKey("fr", id, 1), Start);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Store.Dedup.ContainsAsync(new DedupKey("fr", id, 1, Reminder: true)), Is.False);
            Assert.That(await Store.Dedup.ContainsAsync(new DedupKey("fr", id, 2)), Is.False);
            Assert.That(await Store.Dedup.ContainsAsync(new DedupKey("lv", id, 1)), Is.False);
            Assert.That(await Store.Dedup.TryAddAsync(new DedupKey("fr", id, 1, Reminder: true), Start), Is.True);
        }
    }

    [Test]
    public async Task ContainsAsync_AfterReopening_StillKnown()
    {
        // The window outlives the process: an alert accepted before a crash is not shown again after it.
        var key = new DedupKey("fr", NewId(), 0);
        await Store.Dedup.TryAddAsync(key, Start);

        var restarted = await OpenAsync();

        Assert.That(await restarted.Dedup.ContainsAsync(key), Is.True);
    }

    [Test]
    public async Task TrimAsync_MoreThanTheWindow_ForgetsTheOldest()
    {
        var keys = Enumerable.Range(0, 10).Select(_ => new DedupKey("fr", NewId(), 1)).ToArray();
        foreach (var key in keys)
        {
            await Store.Dedup.TryAddAsync(key, Start);
            // A repeat between them: it must not shorten the window (PostgreSQL's identity skips a number here).
            await Store.Dedup.TryAddAsync(keys[0], Start);
        }

        var forgotten = await Store.Dedup.TrimAsync(4);
        var none = await Store.Dedup.TrimAsync(4);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { forgotten, none }, Is.EqualTo(new[] { 6, 0 }));
            foreach (var (key, index) in keys.Select((k, i) => (k, i)))
            {
                Assert.That(await Store.Dedup.ContainsAsync(key), Is.EqualTo(index >= 6), $"key #{index}");
            }
        }
    }
}
