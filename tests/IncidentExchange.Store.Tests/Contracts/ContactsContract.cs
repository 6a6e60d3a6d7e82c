using IncidentExchange.Store.Contacts;
using IncidentExchange.Store.Tests.Support;

namespace IncidentExchange.Store.Tests.Contracts;

/// <summary>Directory records (signed bytes, every version), the pending own record, rotated keys' metadata.</summary>
public abstract class ContactsContract(IStoreProvider provider) : StoreContract(provider)
{
    [Test]
    public async Task SaveAsync_SameVersionTwice_KeepsTheFirstBytes()
    {
        var first = await Store.Records.SaveAsync(new StoredRecord("fr", 1, [1, 1], Start));
        var second = await Store.Records.SaveAsync(new StoredRecord("fr", 1, [2, 2], Start.AddDays(1)));

        var stored = await ReadAllAsync(Store);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { first, second }, Is.EqualTo(new[] { true, false }));
            Assert.That(stored, Has.Count.EqualTo(1));
            Assert.That(stored[0].Envelope, Is.EqualTo(new byte[] { 1, 1 }));
            Assert.That(stored[0].AcceptedAt, Is.EqualTo(Start));
        }
    }

    [Test]
    public async Task ReadAllAsync_SeveralNodes_PerNodeInOrdinalOrderThenByVersionNumber()
    {
        // Versions 9 and 10 would swap if compared as text; "ee-x" and "fr" swap under a locale's collation rules.
        foreach (var (node, version) in new[] { ("fr", 10UL), ("ee", 1UL), ("fr", 9UL), ("ee-x", 1UL), ("EE", 2UL) })
        {
            await Store.Records.SaveAsync(new StoredRecord(node, version, [(byte)version], Start));
        }

        var stored = await ReadAllAsync(await OpenAsync());

        Assert.That(stored.Select(r => (r.NodeId, r.Version)), Is.EqualTo(new[] { ("EE", 2UL), ("ee", 1UL), ("ee-x", 1UL), ("fr", 9UL), ("fr", 10UL) }));
    }

    [Test]
    public async Task SavePendingAsync_ReplacedThenCleared_LoadsTheLatestThenNothing()
    {
        var none = await Store.Records.LoadPendingAsync();
        await Store.Records.SavePendingAsync([1]);
        await Store.Records.SavePendingAsync([2, 2]);
        var pending = await (await OpenAsync()).Records.LoadPendingAsync();
        await Store.Records.ClearPendingAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(none, Is.Null);
            Assert.That(pending, Is.EqualTo(new byte[] { 2, 2 }));
            Assert.That(await Store.Records.LoadPendingAsync(), Is.Null);
        }
    }

    [Test]
    public async Task AddAsync_Keys_ListedPerNodeOldestFirstAndAKeyIdKeepsItsFirstRow()
    {
        var older = new StoredKey("k-2", "ee", [2], Start, [0xAA]);
        var newer = new StoredKey("k-1", "ee", [1], Start.AddDays(30), null);
        await Store.Keys.AddAsync(newer);
        await Store.Keys.AddAsync(older);
        await Store.Keys.AddAsync(new StoredKey("k-3", "fr", [3], Start, null));

        var again = await Store.Keys.AddAsync(older with { PublicKey = [9] });

        var keys = await Store.Keys.ListAsync("ee");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.False);
            Assert.That(keys.Select(k => k.KeyId), Is.EqualTo(new[] { "k-2", "k-1" }));
            Assert.That(keys[0].PublicKey, Is.EqualTo(new byte[] { 2 }));
            Assert.That(keys[0].SealedPrivateKey, Is.EqualTo(new byte[] { 0xAA }));
            Assert.That(keys[1].SealedPrivateKey, Is.Null);
        }
    }

    private static async Task<List<StoredRecord>> ReadAllAsync(NodeStore store)
    {
        var records = new List<StoredRecord>();
        await foreach (var record in store.Records.ReadAllAsync())
        {
            records.Add(record);
        }

        return records;
    }
}
