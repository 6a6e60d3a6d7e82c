using IncidentExchange.Contracts.V1;
using IncidentExchange.Store.Checks;
using IncidentExchange.Store.Tests.Support;

namespace IncidentExchange.Store.Tests.Contracts;

/// <summary>The check book: what was sent, the first answer of each kind per target with its arrival time, newest first.</summary>
public abstract class CheckContract(IStoreProvider provider) : StoreContract(provider)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Test]
    public async Task SentAsync_NewCheck_PageListsTargetsInOrdinalOrderWithoutAnswers()
    {
        var id = NewId();

        var added = await Sent(id, "lv", "fr");
        var again = await Store.Checks.SentAsync(new SentCheck(id, Start.AddDays(1), Timeout, "other", ["lt"]));

        var page = await Store.Checks.FindAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { added, again }, Is.EqualTo(new[] { true, false }));
            Assert.That(page, Is.EqualTo(page! with { CheckId = id, SentAt = Start, Timeout = Timeout, Text = "Please acknowledge." }));
            Assert.That(page.Targets, Is.EqualTo(new[] { Empty("fr"), Empty("lv") }));
            Assert.That(await Store.Checks.FindAsync(NewId()), Is.Null);
        }
    }

    [Test]
    public async Task NotSentAsync_Twice_FirstReasonCounts()
    {
        var id = NewId();
        await Sent(id, "fr");

        var first = await Store.Checks.NotSentAsync(id, "fr", "no federation link", Start);
        var second = await Store.Checks.NotSentAsync(id, "fr", "broker refused", Start);
        var stranger = await Store.Checks.NotSentAsync(id, "lv", "no federation link", Start);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { first, second, stranger }, Is.EqualTo(new[] { true, false, false }));
            Assert.That((await Store.Checks.FindAsync(id))!.Targets[0].NotSent, Is.EqualTo("no federation link"));
        }
    }

    [Test]
    public async Task RecordReceiptAsync_DeliveredThenAcknowledged_KeepsClaimedAndArrivalTimes()
    {
        var id = NewId();
        await Sent(id, "fr");

        var delivered = await Receipt(id, "fr", ReceiptKind.Delivered, Start.AddSeconds(1), Start.AddSeconds(2));
        var acknowledged = await Receipt(id, "fr", ReceiptKind.Acknowledged, Start.AddSeconds(30), Start.AddSeconds(31), "duty officer");
        var repeat = await Receipt(id, "fr", ReceiptKind.Acknowledged, Start.AddSeconds(40), Start.AddSeconds(41), "someone else");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { delivered, acknowledged, repeat }, Is.EqualTo(new[] { true, true, false }));
            Assert.That((await Store.Checks.FindAsync(id))!.Targets[0], Is.EqualTo(
                new CheckTargetRecord("fr", Start.AddSeconds(1), Start.AddSeconds(2), Start.AddSeconds(30), Start.AddSeconds(31), "duty officer", null)));
        }
    }

    [Test]
    public async Task RecordReceiptAsync_AcknowledgedFirst_CountsAsDeliveredAndALaterDeliveredChangesNothing()
    {
        var id = NewId();
        await Sent(id, "fr");

        await Receipt(id, "fr", ReceiptKind.Acknowledged, Start.AddSeconds(10), Start.AddSeconds(11), "duty officer");
        var late = await Receipt(id, "fr", ReceiptKind.Delivered, Start.AddSeconds(1), Start.AddSeconds(12));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(late, Is.False);
            Assert.That((await Store.Checks.FindAsync(id))!.Targets[0], Is.EqualTo(
                new CheckTargetRecord("fr", Start.AddSeconds(10), Start.AddSeconds(11), Start.AddSeconds(10), Start.AddSeconds(11), "duty officer", null)));
        }
    }

    [Test]
    public async Task RecordReceiptAsync_NotAskedOrUnknownCheck_ChangesNothing()
    {
        var id = NewId();
        await Sent(id, "fr");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Receipt(id, "lv", ReceiptKind.Delivered, Start, Start), Is.False);
            Assert.That(await Receipt(NewId(), "fr", ReceiptKind.Delivered, Start, Start), Is.False);
        }
    }

    [Test]
    public async Task RecordReceiptAsync_ClaimedTimeImpossible_BoundedBetweenSendingAndArrival()
    {
        var id = NewId();
        await Sent(id, "fr", "lv");

        await Receipt(id, "fr", ReceiptKind.Delivered, Start.AddDays(-1), Start.AddSeconds(5));
        await Receipt(id, "lv", ReceiptKind.Delivered, Start.AddDays(1), Start.AddSeconds(6));

        var targets = (await Store.Checks.FindAsync(id))!.Targets;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(targets[0].DeliveredAt, Is.EqualTo(Start));
            Assert.That(targets[1].DeliveredAt, Is.EqualTo(Start.AddSeconds(6)));
        }
    }

    [Test]
    public async Task RecentAsync_MoreThanTheLimit_NewestFirst()
    {
        var ids = Enumerable.Range(0, 4).Select(_ => NewId()).ToArray();
        foreach (var id in ids)
        {
            await Sent(id, "fr", "lv");
        }

        var recent = await Store.Checks.RecentAsync(3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(recent.Select(c => c.CheckId), Is.EqualTo(ids.Reverse().Take(3)));
            Assert.That(recent.Select(c => c.Targets.Count), Is.All.EqualTo(2));
        }
    }

    private Task<bool> Sent(string id, params string[] targets) => Store.Checks.SentAsync(new SentCheck(id, Start, Timeout, "Please acknowledge.", targets));

    private Task<bool> Receipt(string id, string node, ReceiptKind kind, DateTimeOffset claimed, DateTimeOffset arrived, string by = "") =>
        Store.Checks.RecordReceiptAsync(new CheckReceipt(id, node, kind, claimed, by, arrived));

    private static CheckTargetRecord Empty(string node) => new(node, null, null, null, null, null, null);
}
