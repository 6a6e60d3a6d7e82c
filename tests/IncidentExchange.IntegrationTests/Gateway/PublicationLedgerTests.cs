using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Publishing;
using Microsoft.Extensions.Options;

namespace IncidentExchange.IntegrationTests.Gateway;

/// <summary>The ledger file across crashes: a torn last line must not be read as something else.</summary>
public class PublicationLedgerTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("incx-ledger-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Open_TornConfirmLine_IsCutNotReadAsAnotherConfirm()
    {
        // Sequence 12 was reserved; its confirm line "C 12" was cut to "C 1" by a crash. Sequence 1 was never confirmed.
        File.WriteAllText(Path.Combine(_directory, "published.log"),
            "R 1 017f22e2-79b0-7cc3-98c4-dc0c0c07398f 1 aa 1767225600000\n" +
            "R 12 017f22e2-79b0-7cc3-98c4-dc0c0c073990 1 bb 1767225600000\nC 1");

        using (var ledger = Open())
        {
            Assert.Multiple(() =>
            {
                Assert.That(ledger.Find("017f22e2-79b0-7cc3-98c4-dc0c0c07398f", 1)!.Confirmed, Is.False);
                Assert.That(ledger.LastSequence, Is.EqualTo(12));
            });
            ledger.Confirm(ledger.Find("017f22e2-79b0-7cc3-98c4-dc0c0c073990", 1)!);
        }

        using var reopened = Open();
        Assert.Multiple(() =>
        {
            Assert.That(reopened.Find("017f22e2-79b0-7cc3-98c4-dc0c0c073990", 1)!.Confirmed, Is.True);
            Assert.That(reopened.Find("017f22e2-79b0-7cc3-98c4-dc0c0c07398f", 1)!.Confirmed, Is.False);
        });
    }

    [Test]
    public void Reserve_Batch_GivesConsecutiveNumbersKeepsExistingAndSurvivesReopen()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1767225600000);
        using (var ledger = Open())
        {
            var first = ledger.Reserve("017f22e2-79b0-7cc3-98c4-dc0c0c07398f", 1, "aa", at);
            var batch = ledger.Reserve([
                new Reservation("017f22e2-79b0-7cc3-98c4-dc0c0c073990", 1, "bb", at),
                new Reservation("017f22e2-79b0-7cc3-98c4-dc0c0c07398f", 1, "aa", at.AddDays(1)),
                new Reservation("017f22e2-79b0-7cc3-98c4-dc0c0c073991", 1, "cc", at),
            ]);

            Assert.Multiple(() =>
            {
                Assert.That(batch.Select(e => e.Sequence), Is.EqualTo(new ulong[] { 2, first.Sequence, 3 }));
                Assert.That(batch[1].IssuedAt, Is.EqualTo(at), "an existing reservation keeps its time");
            });
            ledger.Confirm([batch[0], batch[2]]);
        }

        using var reopened = Open();
        Assert.Multiple(() =>
        {
            Assert.That(reopened.LastSequence, Is.EqualTo(3));
            Assert.That(reopened.Find("017f22e2-79b0-7cc3-98c4-dc0c0c073991", 1)!.Confirmed, Is.True);
            Assert.That(reopened.Find("017f22e2-79b0-7cc3-98c4-dc0c0c07398f", 1)!.Confirmed, Is.False);
        });
    }

    [Test]
    public void Open_SecondLedgerOnSameFolder_IsRefused()
    {
        using var first = Open();

        Assert.That(Open, Throws.InstanceOf<IOException>());
    }

    private PublicationLedger Open() => new(Options.Create(new NodeOptions { DataDirectory = _directory }));
}
