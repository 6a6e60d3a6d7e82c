using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Checks;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Core.Receipts;

namespace IncidentExchange.Core.Tests.Checks;

/// <summary>The rules of a CommunicationCheck and of the receipts that answer one (protos/README.md §13).</summary>
public class CheckRulesTests
{
    private static CommunicationCheck Check(string origin = "fr", params string[] targets)
    {
        var check = new CommunicationCheck
        {
            CheckId = Guid.CreateVersion7().ToString("D"),
            Origin = origin,
            IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Text = "Communication check from fr: please acknowledge.",
        };
        check.Targets.Add(targets.Length > 0 ? targets : ["ee", "jp"]);
        return check;
    }

    private static Receipt CheckReceipt(string checkId) => new()
    {
        CheckId = checkId,
        NoticeOrigin = "fr",
        Kind = ReceiptKind.Acknowledged,
        Recipient = "ee",
        AcknowledgedBy = "duty officer (crisis)",
        At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
    };

    [Test]
    public void Validate_WellFormedCheck_HasNoErrors() => Assert.That(CheckValidator.Validate(Check()), Is.Empty);

    [TestCase("ee,jp,ee", "must be sorted")]
    [TestCase("jp,ee", "must be sorted")]
    [TestCase("ee,fr", "must not include the origin")]
    [TestCase("ee,JP", "is not a valid node id")]
    public void Validate_BadTargets_NamesTheRule(string targets, string rule) =>
        Assert.That(CheckValidator.Validate(Check("fr", targets.Split(','))), Has.Some.Contains(rule));

    [Test]
    public void Validate_NoTargetsOrTooMany_IsRefused()
    {
        var none = Check();
        none.Targets.Clear();
        var many = Check();
        many.Targets.Clear();
        many.Targets.Add(Enumerable.Range(0, CheckValidator.MaxTargets + 1).Select(i => $"n{i:D3}"));

        Assert.Multiple(() =>
        {
            Assert.That(CheckValidator.Validate(none), Has.Some.Contains("1 to 64 nodes"));
            Assert.That(CheckValidator.Validate(many), Has.Some.Contains("1 to 64 nodes"));
        });
    }

    [Test]
    public void Validate_BadIdTimeOrText_NamesEachRule()
    {
        var check = Check();
        check.CheckId = Guid.NewGuid().ToString("D");
        check.IssuedAt = null;
        check.Text = "line one\nline two";

        Assert.That(CheckValidator.Validate(check), Has.Some.Contains("check_id").And.Some.Contains("issued_at").And.Some.Contains("control characters"));
    }

    [Test]
    public void ReceiptForACheck_WithoutNoticeFields_IsValid_AndWithThemIsNot()
    {
        var valid = CheckReceipt(Guid.CreateVersion7().ToString("D"));
        var mixed = valid.Clone();
        mixed.NoticeId = Guid.CreateVersion7().ToString("D");
        mixed.NoticeRevision = 1;

        Assert.Multiple(() =>
        {
            Assert.That(ReceiptValidator.Validate(valid), Is.Empty);
            Assert.That(ReceiptValidator.Validate(mixed), Has.Some.Contains("has no notice_id"));
            Assert.That(ReceiptValidator.Validate(CheckReceipt("not-a-uuid")), Has.Some.Contains("check_id"));
        });
    }

    [Test]
    public void Inspect_CheckSignedByItsOrigin_ForThisNode_IsAccepted_ForOthersNotAddressed()
    {
        using var frKey = SigningKey.Generate();
        var directory = new ContactDirectory();
        directory.Pin("fr", frKey.PublicKey);
        var atEe = new EnvelopeInspector(directory, "ee");
        var atDe = new EnvelopeInspector(directory, "de");
        var check = Check();
        var body = new EnvelopeSealer("fr", frKey).Seal(check).ToByteArray();

        var accepted = atEe.Inspect(body);
        var elsewhere = atDe.Inspect(body);

        Assert.Multiple(() =>
        {
            Assert.That(accepted.IsAccepted(), Is.True, accepted.Detail());
            Assert.That(accepted.Payload(), Is.EqualTo(check));
            Assert.That(elsewhere.Reason(), Is.EqualTo(RejectionReason.NotAddressed));
            Assert.That(elsewhere.Detail(), Does.Contain("addressed to ee, jp"));
        });
    }

    [Test]
    public void Inspect_CheckClaimingAnotherOrigin_OrBreakingARule_IsRefusedWithItsReason()
    {
        using var frKey = SigningKey.Generate();
        var directory = new ContactDirectory();
        directory.Pin("fr", frKey.PublicKey);
        var inspector = new EnvelopeInspector(directory, "ee");
        var sealer = new EnvelopeSealer("fr", frKey);
        var forged = Check(origin: "jp", "de", "ee");
        var invalid = Check();
        invalid.Targets.Add("ee");

        Assert.Multiple(() =>
        {
            Assert.That(inspector.Inspect(sealer.Seal(forged).ToByteArray()).Reason(), Is.EqualTo(RejectionReason.SignerNotOrigin));
            Assert.That(inspector.Inspect(sealer.Seal(invalid).ToByteArray()).Reason(), Is.EqualTo(RejectionReason.InvalidCheck));
            Assert.That(RejectionReason.InvalidCheck.Slug(), Is.EqualTo("invalid-check"));
        });
    }
}
