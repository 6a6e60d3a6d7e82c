using IncidentExchange.Contracts.V1;
using IncidentExchange.Store.Deliveries;
using IncidentExchange.Store.Tests.Support;

namespace IncidentExchange.Store.Tests.Contracts;

/// <summary>The delivery book: first receipt of each kind per intended recipient, bounded times, deadlines, re-alerts.</summary>
public abstract class DeliveryContract(IStoreProvider provider) : StoreContract(provider)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(15);
    private static readonly byte[] Envelope = [1, 2, 3, 4];

    [Test]
    public async Task ExpectAsync_NewNotice_PageListsRecipientsInOrdinalOrderWithoutReceipts()
    {
        var id = NewId();

        var added = await Expect(id, 1, "lv", "fr", "ee-cert");

        var page = await Store.Deliveries.FindAsync(id, 1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(added, Is.True);
            Assert.That(page, Is.Not.Null);
            Assert.That(page!.Sequence, Is.EqualTo(7));
            Assert.That(page.PublishedAt, Is.EqualTo(Start));
            Assert.That(page.Critical, Is.False);
            Assert.That(page.Recipients.Select(r => r.NodeId), Is.EqualTo(new[] { "ee-cert", "fr", "lv" }));
            Assert.That(page.Recipients, Is.All.Matches<RecipientReceipts>(r => r.DeliveredAt == null && r.AcknowledgedAt == null && r.RealertedAt == null && !r.RealertFailed));
        }
    }

    [Test]
    public async Task ExpectAsync_SameRevisionTwice_FirstWins()
    {
        var id = NewId();
        await Expect(id, 1, "fr");

        var again = await Store.Deliveries.ExpectAsync(new ExpectedDelivery(id, 1, 9, Start.AddDays(1), ["lv"]));

        var page = await Store.Deliveries.FindAsync(id, 1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.False);
            Assert.That(page!.Sequence, Is.EqualTo(7));
            Assert.That(page.Recipients.Select(r => r.NodeId), Is.EqualTo(new[] { "fr" }));
        }
    }

    [Test]
    public async Task FindAsync_RevisionZero_ReturnsTheLatestRevision()
    {
        var id = NewId();
        await Expect(id, 1, "fr");
        await Expect(id, 3, "fr");
        await Expect(id, 2, "fr");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await Store.Deliveries.FindAsync(id, 0))!.Revision, Is.EqualTo(3));
            Assert.That((await Store.Deliveries.FindAsync(id, 2))!.Revision, Is.EqualTo(2));
            Assert.That(await Store.Deliveries.FindAsync(id, 4), Is.Null);
            Assert.That(await Store.Deliveries.FindAsync(NewId(), 0), Is.Null);
        }
    }

    [Test]
    public async Task RecordReceiptAsync_DeliveredTwice_FirstCounts()
    {
        var id = NewId();
        await Expect(id, 1, "fr");

        var first = await Receipt(id, "fr", ReceiptKind.Delivered, Start.AddSeconds(2), Start.AddSeconds(3));
        var repeat = await Receipt(id, "fr", ReceiptKind.Delivered, Start.AddSeconds(5), Start.AddSeconds(6));

        var fr = (await Store.Deliveries.FindAsync(id, 1))!.Recipients[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.EqualTo(new ReceiptOutcome(Start, true)));
            Assert.That(repeat, Is.EqualTo(new ReceiptOutcome(Start, false)));
            Assert.That(fr.DeliveredAt, Is.EqualTo(Start.AddSeconds(2)));
        }
    }

    [Test]
    public async Task RecordReceiptAsync_AcknowledgedWithoutDelivered_CountsAsDeliveredToo()
    {
        var id = NewId();
        await Expect(id, 1, "fr");

        await Receipt(id, "fr", ReceiptKind.Acknowledged, Start.AddSeconds(4), Start.AddSeconds(5), by: "duty officer (crisis)");
        await Receipt(id, "fr", ReceiptKind.Delivered, Start.AddSeconds(1), Start.AddSeconds(6));

        var fr = (await Store.Deliveries.FindAsync(id, 1))!.Recipients[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fr.AcknowledgedAt, Is.EqualTo(Start.AddSeconds(4)));
            Assert.That(fr.AcknowledgedBy, Is.EqualTo("duty officer (crisis)"));
            Assert.That(fr.DeliveredAt, Is.EqualTo(Start.AddSeconds(4)));
        }
    }

    [Test]
    public async Task RecordReceiptAsync_FromNodeOutsideTheAudience_ChangesNothingButKnowsThePublishTime()
    {
        var id = NewId();
        await Expect(id, 1, "fr");

        var outcome = await Receipt(id, "lv", ReceiptKind.Delivered, Start.AddSeconds(1), Start.AddSeconds(2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(new ReceiptOutcome(Start, false)));
            Assert.That((await Store.Deliveries.FindAsync(id, 1))!.Recipients.Select(r => r.NodeId), Is.EqualTo(new[] { "fr" }));
        }
    }

    [Test]
    public async Task RecordReceiptAsync_NoticeNotPublishedHere_ReturnsNoPublishTime()
    {
        var outcome = await Receipt(NewId(), "fr", ReceiptKind.Delivered, Start, Start);

        Assert.That(outcome, Is.EqualTo(new ReceiptOutcome(null, false)));
    }

    [Test]
    public async Task RecordReceiptAsync_ClaimedTimeImpossible_BoundedBetweenPublishingAndArrival()
    {
        var id = NewId();
        await Expect(id, 1, "fr", "lv");

        // A clock behind (before the notice existed) and one ahead (after the receipt arrived).
        await Receipt(id, "fr", ReceiptKind.Delivered, Start.AddHours(-1), Start.AddSeconds(3));
        await Receipt(id, "lv", ReceiptKind.Acknowledged, Start.AddHours(1), Start.AddSeconds(9));

        var page = (await Store.Deliveries.FindAsync(id, 1))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Recipients[0].DeliveredAt, Is.EqualTo(Start));
            Assert.That(page.Recipients[1].AcknowledgedAt, Is.EqualTo(Start.AddSeconds(9)));
        }
    }

    [Test]
    public async Task PublishedAsync_CriticalNotice_DueForRealertOnlyOnceItsDeadlinePassed()
    {
        var id = NewId();
        await Expect(id, 1, "fr", "lv");

        var started = await Store.Deliveries.PublishedAsync(id, 1, Envelope);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(started, Is.True);
            Assert.That((await Store.Deliveries.FindAsync(id, 1))!.Critical, Is.True);
            Assert.That(await Due(Start.AddMinutes(14)), Is.Empty);
            Assert.That(await Due(Start.AddMinutes(15)), Is.EqualTo(new[] { (id, "fr"), (id, "lv") }));
            Assert.That((await Store.Deliveries.DueForRealertAsync(Start, 10))[0].Envelope, Is.EqualTo(Envelope));
        }
    }

    [Test]
    public async Task PublishedAsync_DeadlineStartedTwice_SecondChangesNothing()
    {
        var id = NewId();
        await Expect(id, 1, "fr");
        await Store.Deliveries.PublishedAsync(id, 1, Envelope);

        var again = await Store.Deliveries.PublishedAsync(id, 1, [9, 9]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.False);
            Assert.That((await Store.Deliveries.DueForRealertAsync(Start, 10))[0].Envelope, Is.EqualTo(Envelope));
        }
    }

    [Test]
    public async Task PublishedAsync_NoticeNotExpected_ChangesNothing()
    {
        Assert.That(await Store.Deliveries.PublishedAsync(NewId(), 1, Envelope), Is.False);
    }

    [Test]
    public async Task PublishedAsync_LaterRevision_EndsTheDeadlineOfEarlierOnes()
    {
        var id = NewId();
        await Expect(id, 1, "fr");
        await Store.Deliveries.PublishedAsync(id, 1, Envelope);
        await Expect(id, 2, "fr");

        // Revision 2 is no longer critical (e.g. closed): no deadline of its own, but revision 1's ends.
        var superseding = await Store.Deliveries.PublishedAsync(id, 2, null);
        var repeated = await Store.Deliveries.PublishedAsync(id, 2, null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(superseding, Is.True);
            Assert.That(repeated, Is.False);
            Assert.That(await Due(Start.AddDays(1)), Is.Empty);
            Assert.That((await Store.Deliveries.FindAsync(id, 1))!.Critical, Is.True);
        }
    }

    [Test]
    public async Task DueForRealertAsync_AcknowledgedRealertedOrUnreachable_NotDue()
    {
        var id = NewId();
        await Expect(id, 1, "ee", "fr", "lv", "lt");
        await Store.Deliveries.PublishedAsync(id, 1, Envelope);

        await Receipt(id, "fr", ReceiptKind.Acknowledged, Start.AddMinutes(1), Start.AddMinutes(1));
        await Receipt(id, "ee", ReceiptKind.Delivered, Start.AddMinutes(1), Start.AddMinutes(1));
        var realerted = await Store.Deliveries.MarkRealertAsync(new RealertMark(id, 1, "lv", Start.AddMinutes(16), Failed: false));
        var failed = await Store.Deliveries.MarkRealertAsync(new RealertMark(id, 1, "lt", Start.AddMinutes(16), Failed: true));
        var twice = await Store.Deliveries.MarkRealertAsync(new RealertMark(id, 1, "lv", Start.AddMinutes(20), Failed: true));

        var page = (await Store.Deliveries.FindAsync(id, 1))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Due(Start.AddHours(1)), Is.EqualTo(new[] { (id, "ee") }));
            Assert.That(new[] { realerted, failed, twice }, Is.EqualTo(new[] { true, true, false }));
            Assert.That(page.Recipients.Single(r => r.NodeId == "lv"), Is.EqualTo(new RecipientReceipts("lv", null, null, null, Start.AddMinutes(16), false)));
            Assert.That(page.Recipients.Single(r => r.NodeId == "lt").RealertFailed, Is.True);
        }
    }

    [Test]
    public async Task DueForRealertAsync_EveryRecipientSettled_NothingDueAndLaterReceiptsStillCount()
    {
        var id = NewId();
        await Expect(id, 1, "fr");
        await Store.Deliveries.PublishedAsync(id, 1, Envelope);
        await Store.Deliveries.MarkRealertAsync(new RealertMark(id, 1, "fr", Start.AddMinutes(16), Failed: false));

        // Acknowledging after the re-alert: shown, though it no longer changes the deadline.
        await Receipt(id, "fr", ReceiptKind.Acknowledged, Start.AddMinutes(20), Start.AddMinutes(20));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Due(Start.AddHours(1)), Is.Empty);
            Assert.That((await Store.Deliveries.FindAsync(id, 1))!.Recipients[0].AcknowledgedAt, Is.EqualTo(Start.AddMinutes(20)));
        }
    }

    [Test]
    public async Task DueForRealertAsync_AllAcknowledgedBeforeTheDeadlineStarted_NeverDue()
    {
        // A fast acknowledgement can arrive before the broker's confirm starts the deadline.
        var id = NewId();
        await Expect(id, 1, "fr");
        await Receipt(id, "fr", ReceiptKind.Acknowledged, Start, Start);

        await Store.Deliveries.PublishedAsync(id, 1, Envelope);

        Assert.That(await Due(Start.AddHours(1)), Is.Empty);
    }

    [Test]
    public async Task DueForRealertAsync_MoreThanTheLimit_OldestFirst()
    {
        var older = NewId();
        var newer = NewId();
        await Expect(newer, 1, "fr", at: Start.AddMinutes(1));
        await Expect(older, 1, "fr", "lv");
        await Store.Deliveries.PublishedAsync(newer, 1, Envelope);
        await Store.Deliveries.PublishedAsync(older, 1, Envelope);

        var due = await Store.Deliveries.DueForRealertAsync(Start.AddHours(1), 2);

        Assert.That(due.Select(d => (d.NoticeId, d.NodeId)), Is.EqualTo(new[] { (older, "fr"), (older, "lv") }));
    }

    private Task<bool> Expect(string id, uint revision, params string[] recipients) => Expect(id, revision, recipients, Start);

    private Task<bool> Expect(string id, uint revision, string recipient, DateTimeOffset at) => Expect(id, revision, [recipient], at);

    private Task<bool> Expect(string id, uint revision, string[] recipients, DateTimeOffset at) =>
        Store.Deliveries.ExpectAsync(new ExpectedDelivery(id, revision, 7, at, recipients));

    private Task<ReceiptOutcome> Receipt(string id, string node, ReceiptKind kind, DateTimeOffset claimed, DateTimeOffset received, string by = "") =>
        Store.Deliveries.RecordReceiptAsync(new NoticeReceipt(id, 1, node, kind, claimed, by, received));

    private async Task<IEnumerable<(string, string)>> Due(DateTimeOffset now) =>
        (await Store.Deliveries.DueForRealertAsync(now - Deadline, 100)).Select(d => (d.NoticeId, d.NodeId));
}
