using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.History;
using IncidentExchange.IntegrationTests.Support;
using IncidentExchange.Messaging.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentExchange.IntegrationTests.History;

/// <summary>
/// History copies a gateway journaled but was killed before the broker confirmed them go into the history when it
/// starts again, once each; confirmed ones are not sent again.
/// </summary>
public class HistoryJournalTests : NodeTest
{
    [Test]
    public async Task CopiesLeftUnconfirmed_ByAKilledGateway_AreInTheHistoryOnceAfterItStarts()
    {
        var start = DateTimeOffset.UtcNow;
        var recorder = Node.Services.GetRequiredService<HistoryRecorder>();
        var options = Node.Services.GetRequiredService<IOptions<NodeOptions>>();
        var confirmedBefore = (await ReplayedNoticesAsync(start)).Count;
        await Node.StopAsync();

        // What a gateway killed mid-flight leaves: copies journaled (its inbox had acknowledged their messages), one
        // confirmed and marked so, two never confirmed.
        var left = Enumerable.Range(1, 3).Select(i => HandBuilt.Notice(Node.NodeId, Node.PrivateKeyFile, $"journaled {i}")).ToList();
        using (var journal = new HistoryJournal(options))
        {
            var numbers = left.Select(n => journal.Append(recorder.SentEntry(n.Body, PayloadTypes.IncidentNotice, n.Notice.NoticeId))).ToList();
            journal.Confirmed(numbers[0]);
        }

        await Node.StartAsync();
        List<ReplayItem> replayed = [];
        await Poll.UntilAsync(async () => (replayed = await ReplayedNoticesAsync(start)).Count >= confirmedBefore + 2, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));

        Assert.Multiple(() =>
        {
            Assert.That(replayed.Select(i => i.Notice.Title), Is.EquivalentTo(new[] { "journaled 2", "journaled 3" }), "the confirmed copy is not sent again");
            Assert.That(replayed, Has.All.Matches<ReplayItem>(i => i.Verification.Verified));
        });
    }

    [Test]
    public void Journal_SetAsideWhenLong_KeepsEveryUnconfirmedCopyAcrossARestart_AndForgetsConfirmedOnes()
    {
        var folder = Directory.CreateTempSubdirectory("incx-journal-").FullName;
        try
        {
            var options = Options.Create(new NodeOptions { DataDirectory = folder });
            var recorder = Node.Services.GetRequiredService<HistoryRecorder>();
            OutgoingMessage Copy(int i) => recorder.SentEntry(new byte[] { (byte)i }, PayloadTypes.IncidentNotice, $"copy {i}");

            using (var journal = new HistoryJournal(options, rotateAfter: 10))
            {
                for (var i = 1; i <= 12; i++)
                {
                    journal.Append(Copy(i));
                }

                journal.Confirmed(5); // 12 copies in the file: it is set aside, a new one begun
                for (var i = 13; i <= 15; i++)
                {
                    journal.Append(Copy(i));
                }
            }

            List<string> afterKill;
            using (var journal = new HistoryJournal(options, rotateAfter: 10))
            {
                afterKill = journal.UnconfirmedAtStart.Select(c => c.Copy.MessageId).ToList();
                journal.Confirmed(15);
            }

            int afterConfirm;
            using (var journal = new HistoryJournal(options, rotateAfter: 10))
            {
                afterConfirm = journal.UnconfirmedAtStart.Count;
            }

            Assert.Multiple(() =>
            {
                Assert.That(afterKill, Is.EqualTo(Enumerable.Range(6, 10).Select(i => $"copy {i}")), "6-12 from the set-aside file, 13-15 from the new one");
                Assert.That(afterConfirm, Is.Zero);
                Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "history.journal" }), "the set-aside file is gone once confirmed");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<List<ReplayItem>> ReplayedNoticesAsync(DateTimeOffset since)
    {
        var (items, _) = await Histories.ReplayWhenAvailableAsync(Node, new ReplayRequest { Since = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(since), Kinds = { "notice" } });
        return items.Where(i => i.Notice is not null).ToList();
    }
}
