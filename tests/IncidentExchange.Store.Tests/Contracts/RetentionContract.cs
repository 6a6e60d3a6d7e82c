using IncidentExchange.Contracts.V1;
using IncidentExchange.Store.Checks;
using IncidentExchange.Store.Deliveries;
using IncidentExchange.Store.Tests.Support;

namespace IncidentExchange.Store.Tests.Contracts;

/// <summary>Retention: pages older than the configured retention go, younger ones stay; the gauges follow.</summary>
public abstract class RetentionContract(IStoreProvider provider) : StoreContract(provider)
{
    [Test]
    public async Task CompactAsync_DeliveryPagesPastRetention_RemovedWithTheirReceipts()
    {
        var old = NewId();
        var young = NewId();
        await Store.Deliveries.ExpectAsync(new ExpectedDelivery(old, 1, 1, Start, ["fr", "lv"]));
        await Store.Deliveries.RecordReceiptAsync(new NoticeReceipt(old, 1, "fr", ReceiptKind.Delivered, Start, "", Start));
        await Store.Deliveries.ExpectAsync(new ExpectedDelivery(young, 1, 2, Start.AddDays(10), ["fr"]));

        Time.Advance(Options.Retention.Deliveries + TimeSpan.FromDays(1));
        var removed = await Store.Maintenance.CompactAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed.Deliveries, Is.EqualTo(1));
            Assert.That(await Store.Deliveries.FindAsync(old, 1), Is.Null);
            Assert.That(await Store.Deliveries.FindAsync(young, 1), Is.Not.Null);
            Assert.That((await Store.Maintenance.GaugesAsync()).OldestDelivery, Is.EqualTo(Start.AddDays(10)));
        }
    }

    [Test]
    public async Task CompactAsync_ChecksPastRetention_RemovedWithTheirTargets()
    {
        var old = NewId();
        var young = NewId();
        await Store.Checks.SentAsync(new SentCheck(old, Start, TimeSpan.FromMinutes(5), "", ["fr"]));
        await Store.Checks.SentAsync(new SentCheck(young, Start.AddDays(2), TimeSpan.FromMinutes(5), "", ["fr"]));

        Time.Advance(Options.Retention.Checks + TimeSpan.FromDays(1));
        var removed = await Store.Maintenance.CompactAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed, Is.EqualTo(new Maintenance.CompactionResult(0, 1)));
            Assert.That(await Store.Checks.FindAsync(old), Is.Null);
            Assert.That((await Store.Checks.RecentAsync(10)).Select(c => c.CheckId), Is.EqualTo(new[] { young }));
            Assert.That((await Store.Maintenance.GaugesAsync()).OldestCheck, Is.EqualTo(Start.AddDays(2)));
        }
    }

    [Test]
    public async Task CompactAsync_NothingPastRetention_RemovesNothing()
    {
        var id = NewId();
        await Store.Deliveries.ExpectAsync(new ExpectedDelivery(id, 1, 1, Start, ["fr"]));

        Time.Advance(Options.Retention.Deliveries - TimeSpan.FromMinutes(1));
        var removed = await Store.Maintenance.CompactAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed, Is.EqualTo(new Maintenance.CompactionResult(0, 0)));
            Assert.That(await Store.Deliveries.FindAsync(id, 1), Is.Not.Null);
        }
    }

    [Test]
    public async Task CompactAsync_MoreThanOneBatchPastRetention_RemovesThemAll()
    {
        var count = Maintenance.SqlStoreMaintenance.BatchSize + 3;
        for (var i = 0; i < count; i++)
        {
            await Store.Deliveries.ExpectAsync(new ExpectedDelivery(NewId(), 1, (ulong)i + 1, Start.AddSeconds(i), []));
        }

        Time.Advance(Options.Retention.Deliveries + TimeSpan.FromDays(1));
        var removed = await Store.Maintenance.CompactAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed.Deliveries, Is.EqualTo(count));
            Assert.That((await Store.Maintenance.GaugesAsync()).OldestDelivery, Is.Null);
        }
    }

    [Test]
    public async Task GaugesAsync_EmptyStore_SizeButNoOldestEntries()
    {
        var gauges = await Store.Maintenance.GaugesAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(gauges.SizeBytes, Is.Positive);
            Assert.That(gauges.OldestDelivery, Is.Null);
            Assert.That(gauges.OldestCheck, Is.Null);
        }
    }
}
