using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Core.Resends;

namespace IncidentExchange.Core.Tests.Resends;

/// <summary>The rules of ResendRequest and ResendReply (protos/README.md §13.3) and how the inspector applies them.</summary>
public class ResendRulesTests
{
    private static ResendRequest Request(ulong from = 4, ulong to = 8) => new()
    {
        RequestId = Guid.CreateVersion7().ToString("D"),
        Requester = "fr",
        Origin = "ee",
        FromSequence = from,
        ToSequence = to,
        IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
    };

    private static ResendReply Reply(ulong[] resent, ulong[] notAddressed, ulong[] unavailable) => new()
    {
        RequestId = Guid.CreateVersion7().ToString("D"),
        Origin = "ee",
        Requester = "fr",
        FromSequence = 4,
        ToSequence = 8,
        Resent = { resent },
        NotAddressed = { notAddressed },
        Unavailable = { unavailable },
        IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
    };

    [Test]
    public void Validate_WellFormedRequestAndReply_HaveNoErrors() =>
        Assert.Multiple(() =>
        {
            Assert.That(ResendRules.Validate(Request()), Is.Empty);
            Assert.That(ResendRules.Validate(Reply([4, 5], [6], [7, 8])), Is.Empty);
        });

    [TestCase(0UL, 3UL)]
    [TestCase(9UL, 8UL)]
    [TestCase(1UL, 10_001UL)]
    public void Validate_BadRange_IsRefused(ulong from, ulong to) =>
        Assert.That(ResendRules.Validate(Request(from, to)), Has.Some.Contains("The range"));

    [Test]
    public void Validate_ReplyThatDoesNotAccountForEachNumberOnce_IsRefused() =>
        Assert.Multiple(() =>
        {
            Assert.That(ResendRules.Validate(Reply([4, 5], [6], [7])), Has.Some.Contains("exactly once"), "8 missing");
            Assert.That(ResendRules.Validate(Reply([4, 5, 6], [6], [7, 8])), Has.Some.Contains("exactly once"), "6 twice");
            Assert.That(ResendRules.Validate(Reply([4, 5, 9], [6], [7, 8])), Has.Some.Contains("exactly once"), "9 outside");
        });

    [Test]
    public void Validate_AskingItself_IsRefused()
    {
        var request = Request();
        request.Origin = "fr";

        Assert.That(ResendRules.Validate(request), Has.Some.Contains("does not ask itself"));
    }

    [Test]
    public void Inspect_RequestForThisNode_IsAccepted_ForAnotherNotAddressed_ForgedSenderRefused()
    {
        using var frKey = SigningKey.Generate();
        var directory = new ContactDirectory();
        directory.Pin("fr", frKey.PublicKey);
        var sealer = new EnvelopeSealer("fr", frKey);
        var request = Request();
        var forged = Request();
        forged.Requester = "jp";

        var atEe = new EnvelopeInspector(directory, "ee").Inspect(sealer.Seal(request).ToByteArray());
        var atJp = new EnvelopeInspector(directory, "jp").Inspect(sealer.Seal(request).ToByteArray());
        var signedForOther = new EnvelopeInspector(directory, "ee").Inspect(sealer.Seal(forged).ToByteArray());

        Assert.Multiple(() =>
        {
            Assert.That(atEe.Payload(), Is.EqualTo(request), atEe.Detail());
            Assert.That(atJp.Reason(), Is.EqualTo(RejectionReason.NotAddressed));
            Assert.That(signedForOther.Reason(), Is.EqualTo(RejectionReason.SignerNotOrigin));
            Assert.That(RejectionReason.InvalidResend.Slug(), Is.EqualTo("invalid-resend"));
        });
    }
}
