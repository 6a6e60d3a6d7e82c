using IncidentExchange.Store.Dedup;
using IncidentExchange.Store.Ledger;
using IncidentExchange.Store.Tests.Support;

namespace IncidentExchange.Store.Tests.Contracts;

/// <summary>
/// Two gateways on one database, as a node with two gateways runs on one PostgreSQL: each is a store instance of its
/// own (its own connection pool), and both write at the same moments.
/// </summary>
public abstract class ConcurrencyContract(IStoreProvider provider) : StoreContract(provider)
{
    private const string Origin = "fr";

    [Test]
    public async Task ReserveAsync_TwoStoresAllocatingConcurrently_SequencesUniqueAndGapFree()
    {
        INodeStore[] gateways = [Store, await OpenAsync()];
        const int WorkersPerGateway = 3;
        const int BatchesPerWorker = 20;

        var workers = gateways.SelectMany(gateway => Enumerable.Range(0, WorkersPerGateway).Select(worker => Task.Run(async () =>
        {
            var entries = new List<LedgerEntry>();
            for (var batch = 0; batch < BatchesPerWorker; batch++)
            {
                // Batches of 1 to 3, as the publish path sends them.
                var requests = Enumerable.Range(0, 1 + ((worker + batch) % 3)).Select(_ => new Reservation(NewId(), 1, "h", Start)).ToArray();
                entries.AddRange(await gateway.Ledger.ReserveAsync(Origin, requests));
            }

            return entries;
        })));
        var all = (await Task.WhenAll(workers)).SelectMany(e => e).ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(all.Select(e => e.Sequence).Order(), Is.EqualTo(Enumerable.Range(1, all.Length).Select(i => (ulong)i)));
            Assert.That(await Store.Ledger.LastSequenceAsync(Origin), Is.EqualTo((ulong)all.Length));
            foreach (var entry in all.Take(20))
            {
                Assert.That(await gateways[1].Ledger.FindAsync(Origin, entry.NoticeId, 1), Is.EqualTo(entry));
            }
        }
    }

    [Test]
    public async Task ReserveAsync_SameNoticeFromTwoStoresAtOnce_OneSequenceForBoth()
    {
        var other = await OpenAsync();
        var rounds = Enumerable.Range(0, 20).Select(_ => NewId()).ToArray();

        var pairs = await Task.WhenAll(rounds.Select(id => Task.WhenAll(
            Task.Run(async () => (await Store.Ledger.ReserveAsync(Origin, [new Reservation(id, 1, "h", Start)]))[0]),
            Task.Run(async () => (await other.Ledger.ReserveAsync(Origin, [new Reservation(id, 1, "h", Start)]))[0]))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pairs.Select(p => p[0]), Is.EqualTo(pairs.Select(p => p[1])));
            Assert.That(pairs.Select(p => p[0].Sequence).Order(), Is.EqualTo(Enumerable.Range(1, rounds.Length).Select(i => (ulong)i)));
        }
    }

    [Test]
    public async Task TryAddAsync_SameKeyFromTwoStoresAtOnce_ExactlyOneAdds()
    {
        var other = await OpenAsync();
        var keys = Enumerable.Range(0, 20).Select(_ => new DedupKey("ee", NewId(), 1)).ToArray();

        var outcomes = await Task.WhenAll(keys.Select(key => Task.WhenAll(
            Task.Run(() => Store.Dedup.TryAddAsync(key, Start)),
            Task.Run(() => other.Dedup.TryAddAsync(key, Start)))));

        Assert.That(outcomes.Select(o => o.Count(added => added)), Is.All.EqualTo(1));
    }
}
