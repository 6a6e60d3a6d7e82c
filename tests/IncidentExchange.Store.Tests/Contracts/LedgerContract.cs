using IncidentExchange.Store.Ledger;
using IncidentExchange.Store.Tests.Support;

namespace IncidentExchange.Store.Tests.Contracts;

/// <summary>The publication ledger: sequences per origin from 1 without gaps, idempotency on (notice id, revision).</summary>
public abstract class LedgerContract(IStoreProvider provider) : StoreContract(provider)
{
    private const string Origin = "ee";

    [Test]
    public async Task ReserveAsync_NewNotices_HandsOutConsecutiveSequencesFromOne()
    {
        var entries = await Store.Ledger.ReserveAsync(Origin, [Request(NewId()), Request(NewId()), Request(NewId())]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(entries.Select(e => e.Sequence), Is.EqualTo(new ulong[] { 1, 2, 3 }));
            Assert.That(entries.Select(e => e.Confirmed), Is.All.False);
            Assert.That(await Store.Ledger.LastSequenceAsync(Origin), Is.EqualTo(3));
        }
    }

    [Test]
    public async Task ReserveAsync_AlreadyReserved_ReturnsStoredEntryAndConsumesNoNumber()
    {
        var id = NewId();
        var first = (await Store.Ledger.ReserveAsync(Origin, [Request(id, hash: "aa")]))[0];
        Time.Advance(TimeSpan.FromMinutes(1));

        var again = (await Store.Ledger.ReserveAsync(Origin, [new Reservation(id, 1, "bb", Time.GetUtcNow()), Request(NewId())]))[0];

        using (Assert.EnterMultipleScope())
        {
            // The caller compares the hash: a different content under the same (id, revision) is its conflict to report.
            Assert.That(again, Is.EqualTo(first));
            Assert.That(await Store.Ledger.LastSequenceAsync(Origin), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task ReserveAsync_RepeatInOneBatch_SharesOneSequence()
    {
        var id = NewId();

        var entries = await Store.Ledger.ReserveAsync(Origin, [Request(id), Request(NewId()), Request(id)]);

        Assert.Multiple(() =>
        {
            Assert.That(entries[2], Is.EqualTo(entries[0]));
            Assert.That(entries[1].Sequence, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task ReserveAsync_NeverConfirmed_KeepsItsNumberAndTheNextNoticeGetsTheNext()
    {
        // protos/README.md §11: a number handed out to a publish that never completes is consumed.
        var failed = NewId();
        var reserved = (await Store.Ledger.ReserveAsync(Origin, [Request(failed)]))[0];

        var next = (await Store.Ledger.ReserveAsync(Origin, [Request(NewId())]))[0];
        var retried = (await Store.Ledger.ReserveAsync(Origin, [Request(failed)]))[0];

        Assert.Multiple(() =>
        {
            Assert.That(next.Sequence, Is.EqualTo(2));
            Assert.That(retried, Is.EqualTo(reserved));
            Assert.That(retried.Confirmed, Is.False);
        });
    }

    [Test]
    public async Task ConfirmAsync_Reserved_FindShowsItConfirmed()
    {
        var id = NewId();
        var entries = await Store.Ledger.ReserveAsync(Origin, [Request(id), Request(NewId())]);

        await Store.Ledger.ConfirmAsync(Origin, [entries[0]]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Store.Ledger.FindAsync(Origin, id, 1), Is.EqualTo(entries[0] with { Confirmed = true }));
            Assert.That((await Store.Ledger.FindAsync(Origin, entries[1].NoticeId, 1))!.Confirmed, Is.False);
        }
    }

    [Test]
    public async Task FindAsync_NeverReserved_ReturnsNull()
    {
        var id = NewId();
        await Store.Ledger.ReserveAsync(Origin, [Request(id)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Store.Ledger.FindAsync(Origin, NewId(), 1), Is.Null);
            Assert.That(await Store.Ledger.FindAsync(Origin, id, 2), Is.Null);
            Assert.That(await Store.Ledger.FindAsync("fr", id, 1), Is.Null);
        }
    }

    [Test]
    public async Task ReserveAsync_IssueTime_KeptToTheTick()
    {
        var issued = new DateTimeOffset(2026, 3, 1, 12, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var id = NewId();

        await Store.Ledger.ReserveAsync(Origin, [new Reservation(id, 3, "hash", issued)]);

        var found = await Store.Ledger.FindAsync(Origin, id, 3);
        Assert.That(found!.IssuedAt, Is.EqualTo(issued));
        Assert.That(found.IssuedAt.UtcTicks, Is.EqualTo(issued.UtcTicks));
    }

    [Test]
    public async Task ReserveAsync_AfterReopening_ContinuesWithoutReusingANumber()
    {
        var id = NewId();
        await Store.Ledger.ReserveAsync(Origin, [Request(id), Request(NewId())]);

        var restarted = await OpenAsync();
        var next = (await restarted.Ledger.ReserveAsync(Origin, [Request(NewId())]))[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(next.Sequence, Is.EqualTo(3));
            Assert.That((await restarted.Ledger.FindAsync(Origin, id, 1))!.Sequence, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ReserveAsync_TwoOrigins_CountSeparately()
    {
        await Store.Ledger.ReserveAsync(Origin, [Request(NewId()), Request(NewId())]);

        var other = (await Store.Ledger.ReserveAsync("fr", [Request(NewId())]))[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(other.Sequence, Is.EqualTo(1));
            Assert.That(await Store.Ledger.LastSequenceAsync(Origin), Is.EqualTo(2));
            Assert.That(await Store.Ledger.LastSequenceAsync("lv"), Is.Zero);
        }
    }

    [Test]
    public async Task ImportAsync_EntriesWithTheirSequences_KeptAndCounterRaised()
    {
        LedgerEntry[] imported = [new(NewId(), 1, 1, "h1", Start, true), new(NewId(), 1, 2, "h2", Start, false), new(NewId(), 2, 5, "h5", Start, true)];

        await Store.Ledger.ImportAsync(Origin, imported);
        await Store.Ledger.ImportAsync(Origin, imported);
        var next = (await Store.Ledger.ReserveAsync(Origin, [Request(NewId())]))[0];

        using (Assert.EnterMultipleScope())
        {
            foreach (var entry in imported)
            {
                Assert.That(await Store.Ledger.FindAsync(Origin, entry.NoticeId, entry.Revision), Is.EqualTo(entry));
            }

            Assert.That(next.Sequence, Is.EqualTo(6));
        }
    }

    [Test]
    public async Task ImportAsync_SequenceHeldByAnotherNotice_RefusedAndNothingWritten()
    {
        await Store.Ledger.ReserveAsync(Origin, [Request(NewId())]);
        var clash = new LedgerEntry(NewId(), 1, 1, "h", Start, true);
        var before = new LedgerEntry(NewId(), 1, 7, "h", Start, true);

        Assert.That(async () => await Store.Ledger.ImportAsync(Origin, [before, clash]), Throws.InvalidOperationException.With.Message.Contains("Sequence 1 of ee is held"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Store.Ledger.FindAsync(Origin, before.NoticeId, 1), Is.Null);
            Assert.That(await Store.Ledger.LastSequenceAsync(Origin), Is.EqualTo(1));
        }
    }

    private Reservation Request(string id, string hash = "0123abcd") => new(id, 1, hash, Time.GetUtcNow());
}
