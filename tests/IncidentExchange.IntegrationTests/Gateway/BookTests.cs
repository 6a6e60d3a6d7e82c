using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Checks;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Receipts;
using Microsoft.Extensions.Options;

namespace IncidentExchange.IntegrationTests.Gateway;

/// <summary>
/// The origin's books, without a broker: how a check's outcomes are judged at its timeout, how a critical notice's
/// deadline finds overdue recipients once, and that both survive a restart (they are files in the data folder).
/// </summary>
public class BookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private string _folder = null!;

    [SetUp]
    public void Folder() => _folder = System.IO.Directory.CreateTempSubdirectory("incx-books-").FullName;

    [TearDown]
    public void RemoveFolder() => System.IO.Directory.Delete(_folder, recursive: true);

    private IOptions<NodeOptions> Options() => Microsoft.Extensions.Options.Options.Create(new NodeOptions { NodeId = "ee", DataDirectory = _folder });

    private static Receipt Answer(string checkId, string from, ReceiptKind kind, DateTimeOffset at) => new()
    {
        CheckId = checkId,
        NoticeOrigin = "ee",
        Recipient = from,
        Kind = kind,
        AcknowledgedBy = kind == ReceiptKind.Acknowledged ? "duty officer (crisis)" : "",
        At = Timestamp.FromDateTimeOffset(at),
    };

    [Test]
    public void CheckBook_JudgesOutcomesAtTheTimeout_KeepsLateAnswers_AndSurvivesARestart()
    {
        var check = new CommunicationCheck { CheckId = Guid.CreateVersion7().ToString("D"), Origin = "ee", IssuedAt = Timestamp.FromDateTimeOffset(T0), Text = "ping" };
        check.Targets.Add(["de", "fr", "jp", "us"]);
        CheckReport during, after, reopened;
        using (var book = new CheckBook(Options()))
        {
            book.Sent(check, TimeSpan.FromSeconds(10));
            book.NotSent(check.CheckId, "us", "no route", T0);
            book.Record(Answer(check.CheckId, "fr", ReceiptKind.Delivered, T0.AddSeconds(1)), T0.AddSeconds(1));
            book.Record(Answer(check.CheckId, "fr", ReceiptKind.Acknowledged, T0.AddSeconds(2)), T0.AddSeconds(2));
            // A clock behind the sender's: kept as the time it was sent, never before.
            book.Record(Answer(check.CheckId, "jp", ReceiptKind.Delivered, T0.AddSeconds(-30)), T0.AddSeconds(3));
            book.Record(Answer(check.CheckId, "xx", ReceiptKind.Delivered, T0.AddSeconds(3)), T0.AddSeconds(3));
            during = book.Report(check.CheckId, T0.AddSeconds(5))!;
            // de answers after the timeout: its time is kept, the outcome is not changed by it.
            book.Record(Answer(check.CheckId, "de", ReceiptKind.Acknowledged, T0.AddSeconds(20)), T0.AddSeconds(20));
            after = book.Report(check.CheckId, T0.AddSeconds(30))!;
        }

        using (var book = new CheckBook(Options()))
        {
            reopened = book.Recent(10, T0.AddSeconds(30)).Single();
        }

        Assert.Multiple(() =>
        {
            Assert.That(during.Complete, Is.False);
            Assert.That(during.Targets.Select(t => t.Outcome), Is.EqualTo(new[] { CheckOutcome.Waiting, CheckOutcome.Acknowledged, CheckOutcome.Waiting, CheckOutcome.NotSent }));
            Assert.That(after.Complete, Is.True);
            Assert.That(after.Targets.Select(t => t.Outcome), Is.EqualTo(new[] { CheckOutcome.NoAnswer, CheckOutcome.Acknowledged, CheckOutcome.Delivered, CheckOutcome.NotSent }));
            Assert.That(after.Targets[0].AcknowledgedAt.ToDateTimeOffset(), Is.EqualTo(T0.AddSeconds(20)), "late answers keep their time");
            Assert.That(after.Targets[2].DeliveredAt.ToDateTimeOffset(), Is.EqualTo(T0));
            Assert.That(after.Targets[3].Detail, Is.EqualTo("no route"));
            Assert.That(after.Targets.Select(t => t.NodeId), Does.Not.Contain("xx"), "answers from nodes not asked are ignored");
            Assert.That(reopened, Is.EqualTo(after));
        });
    }

    [Test]
    public void CheckBook_JudgesByArrival_AndAnAnswerOutweighsAnUncertainNotSent()
    {
        var check = new CommunicationCheck { CheckId = Guid.CreateVersion7().ToString("D"), Origin = "ee", IssuedAt = Timestamp.FromDateTimeOffset(T0), Text = "ping" };
        check.Targets.Add(["fr", "jp"]);
        using var book = new CheckBook(Options());
        book.Sent(check, TimeSpan.FromSeconds(10));
        book.NotSent(check.CheckId, "jp", "this node's broker did not confirm it in time; it may or may not have gone out.", T0);
        // fr claims it acknowledged in time, but its receipt arrived after the timeout.
        book.Record(Answer(check.CheckId, "fr", ReceiptKind.Acknowledged, T0.AddSeconds(9)), T0.AddSeconds(12));
        book.Record(Answer(check.CheckId, "jp", ReceiptKind.Delivered, T0.AddSeconds(2)), T0.AddSeconds(2));

        var report = book.Report(check.CheckId, T0.AddSeconds(30))!;

        Assert.Multiple(() =>
        {
            Assert.That(report.Targets[0].Outcome, Is.EqualTo(CheckOutcome.NoAnswer), "judged by arrival, not by the claimed time");
            Assert.That(report.Targets[0].AcknowledgedAt.ToDateTimeOffset(), Is.EqualTo(T0.AddSeconds(9)), "the claimed time is still shown");
            Assert.That(report.Targets[1].Outcome, Is.EqualTo(CheckOutcome.Delivered), "the copy went out after all");
        });
    }

    [Test]
    public void DeliveryBook_CriticalNotice_RecipientsOverdueAtTheDeadline_RealertedOnce_AcrossARestart()
    {
        var critical = Notice(Severity.Critical, sequence: 7);
        var high = Notice(Severity.High, sequence: 8);
        var envelope = new byte[] { 1, 2, 3 };
        var deadline = new AlertOptions().AcknowledgeDeadline;
        IReadOnlyList<OverdueRecipient> early, due, dueAgain, afterRestart;
        DeliveryStatusReply status;
        using (var book = new DeliveryBook(Options()))
        {
            book.Expect(critical, ["fr", "jp", "us"], T0);
            book.Published(critical, envelope);
            book.Expect(high, ["fr"], T0);
            book.Published(high, envelope);
            book.Record(Acknowledgement(critical, "jp", T0.AddMinutes(1)), T0.AddMinutes(1));
            early = book.DueForRealert(T0 + deadline - TimeSpan.FromSeconds(1));
            due = book.DueForRealert(T0 + deadline);
            book.Realerted(due.Single(d => d.NodeId == "fr"), T0 + deadline);
            dueAgain = book.DueForRealert(T0 + deadline + TimeSpan.FromMinutes(1));
            status = book.Status(critical.NoticeId, 0, T0 + deadline)!;
        }

        using (var book = new DeliveryBook(Options()))
        {
            afterRestart = book.DueForRealert(T0 + deadline + TimeSpan.FromMinutes(2));
        }

        Assert.Multiple(() =>
        {
            Assert.That(early, Is.Empty);
            Assert.That(due.Select(d => d.NodeId), Is.EquivalentTo(new[] { "fr", "us" }), "jp acknowledged; the high notice has no deadline");
            Assert.That(due[0].Envelope, Is.EqualTo(envelope));
            Assert.That(dueAgain.Select(d => d.NodeId), Is.EqualTo(new[] { "us" }), "fr was re-alerted once");
            Assert.That(afterRestart.Select(d => d.NodeId), Is.EqualTo(new[] { "us" }));
            Assert.That(afterRestart[0].Envelope, Is.EqualTo(envelope), "kept on disk for the re-alert");
            Assert.That(status.AcknowledgeBy.ToDateTimeOffset(), Is.EqualTo(T0 + deadline));
            Assert.That(status.Recipients.Select(r => r.Overdue), Is.EqualTo(new[] { true, false, true }));
            Assert.That(status.Recipients[0].RealertedAt.ToDateTimeOffset(), Is.EqualTo(T0 + deadline));
        });
    }

    [Test]
    public void DeliveryBook_NoDeadline_BeforeConfirmation_ForAResolvedRevision_OrOnceALaterRevisionIsOut()
    {
        var unconfirmed = Notice(Severity.Critical, sequence: 1);
        var revision1 = Notice(Severity.Critical, sequence: 2);
        var revision2 = revision1.Clone();
        revision2.Revision = 2;
        revision2.Sequence = 3;
        revision2.Status = NoticeStatus.Resolved;
        var deadline = new AlertOptions().AcknowledgeDeadline;
        using var book = new DeliveryBook(Options());
        // Expected before publishing, but the broker never confirmed it: the caller was told it failed.
        book.Expect(unconfirmed, ["fr"], T0);
        book.Expect(revision1, ["fr"], T0);
        book.Published(revision1, new byte[] { 1 });
        book.Expect(revision2, ["fr"], T0.AddMinutes(1));
        book.Published(revision2, new byte[] { 2 });

        Assert.Multiple(() =>
        {
            Assert.That(book.DueForRealert(T0 + deadline + deadline), Is.Empty);
            Assert.That(book.Status(unconfirmed.NoticeId, 0, T0 + deadline)!.Recipients.Single().Overdue, Is.False);
            Assert.That(book.Status(revision2.NoticeId, 2, T0 + deadline + deadline)!.AcknowledgeBy, Is.Null, "a resolved incident has no deadline");
        });
    }

    [Test]
    public void DeliveryBook_UnreachableRecipient_StaysOverdue_WithoutAReAlertTime_AndIsNotTriedAgain()
    {
        var critical = Notice(Severity.Critical, sequence: 1);
        var deadline = new AlertOptions().AcknowledgeDeadline;
        using var book = new DeliveryBook(Options());
        book.Expect(critical, ["fr"], T0);
        book.Published(critical, new byte[] { 1 });
        book.RealertFailed(book.DueForRealert(T0 + deadline).Single(), T0 + deadline);

        var status = book.Status(critical.NoticeId, 0, T0 + deadline)!.Recipients.Single();

        Assert.Multiple(() =>
        {
            Assert.That(book.DueForRealert(T0 + deadline + deadline), Is.Empty);
            Assert.That(status.Overdue, Is.True);
            Assert.That(status.RealertedAt, Is.Null);
        });
    }

    private static IncidentNotice Notice(Severity severity, ulong sequence) => new()
    {
        NoticeId = Guid.CreateVersion7().ToString("D"),
        Origin = "ee",
        Revision = 1,
        Sequence = sequence,
        Severity = severity,
        Status = NoticeStatus.Open,
    };

    private static Receipt Acknowledgement(IncidentNotice notice, string from, DateTimeOffset at) => new()
    {
        NoticeId = notice.NoticeId,
        NoticeOrigin = notice.Origin,
        NoticeRevision = notice.Revision,
        NoticeSequence = notice.Sequence,
        Kind = ReceiptKind.Acknowledged,
        Recipient = from,
        AcknowledgedBy = "duty officer (crisis)",
        At = Timestamp.FromDateTimeOffset(at),
    };
}
