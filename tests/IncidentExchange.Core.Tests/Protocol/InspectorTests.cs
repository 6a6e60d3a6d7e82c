using Google.Protobuf;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound;

namespace IncidentExchange.Core.Tests.Protocol;

public class InspectorTests
{
    private SigningKey _eeKey = null!;
    private ContactDirectory _directory = null!;
    private EnvelopeInspector _inspector = null!;

    [SetUp]
    public void TrustEe()
    {
        _eeKey = SigningKey.Generate();
        _directory = new ContactDirectory();
        _directory.Pin("ee", _eeKey.PublicKey);
        _inspector = new EnvelopeInspector(_directory, "ee");
    }

    [TearDown]
    public void DisposeKey() => _eeKey.Dispose();

    [Test]
    public void Inspect_SealedValidNotice_IsAccepted()
    {
        var notice = Samples.Notice();
        var body = new EnvelopeSealer("ee", _eeKey).Seal(notice).ToByteArray();

        var result = _inspector.Inspect(body);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsAccepted(), Is.True, result.Detail());
            Assert.That(result.Payload(), Is.EqualTo(notice));
            Assert.That(result.Envelope!.KeyId, Is.EqualTo(_eeKey.KeyId));
        });
    }

    [Test]
    public void Inspect_AnySingleBitFlipped_IsRejectedEveryTime()
    {
        var body = new EnvelopeSealer("ee", _eeKey).Seal(Samples.Notice()).ToByteArray();

        var accepted = new List<int>();
        for (var i = 0; i < body.Length; i++)
        {
            foreach (var bit in new byte[] { 0x01, 0x80 })
            {
                var tampered = (byte[])body.Clone();
                tampered[i] ^= bit;
                if (_inspector.Inspect(tampered).IsAccepted())
                {
                    accepted.Add(i);
                }
            }
        }

        Assert.That(accepted, Is.Empty, "positions whose tampering went unnoticed");
    }

    [Test]
    public void Inspect_PayloadBitFlipped_IsBadSignature()
    {
        var envelope = new EnvelopeSealer("ee", _eeKey).Seal(Samples.Notice());
        var payload = envelope.Payload.ToByteArray();
        payload[^1] ^= 0x01;
        envelope.Payload = ByteString.CopyFrom(payload);

        var result = _inspector.Inspect(envelope.ToByteArray());

        Assert.That(result.Reason(), Is.EqualTo(RejectionReason.BadSignature));
    }

    [Test]
    public void Inspect_SignedByUnknownNode_IsUnknownSigner()
    {
        using var frKey = SigningKey.Generate();
        var body = new EnvelopeSealer("fr", frKey).Seal(Samples.Notice("fr")).ToByteArray();

        Assert.That(_inspector.Inspect(body).Reason(), Is.EqualTo(RejectionReason.UnknownSigner));
    }

    [Test]
    public void Inspect_KnownSignerWithOtherKey_IsUnknownKey()
    {
        using var otherKey = SigningKey.Generate();
        var body = new EnvelopeSealer("ee", otherKey).Seal(Samples.Notice()).ToByteArray();

        Assert.That(_inspector.Inspect(body).Reason(), Is.EqualTo(RejectionReason.UnknownKey));
    }

    [Test]
    public void Inspect_SignerClaimsKeyIdOfTrustedKey_IsBadSignature()
    {
        using var forger = SigningKey.Generate();
        var envelope = new EnvelopeSealer("ee", forger).Seal(Samples.Notice());
        envelope.KeyId = _eeKey.KeyId;

        Assert.That(_inspector.Inspect(envelope.ToByteArray()).Reason(), Is.EqualTo(RejectionReason.BadSignature));
    }

    [Test]
    public void Inspect_NoticeOfOtherOrigin_IsSignerNotOrigin()
    {
        using var frKey = SigningKey.Generate();
        _directory.Pin("fr", frKey.PublicKey);
        var body = new EnvelopeSealer("ee", _eeKey).Seal(Samples.Notice(origin: "fr")).ToByteArray();

        Assert.That(_inspector.Inspect(body).Reason(), Is.EqualTo(RejectionReason.SignerNotOrigin));
    }

    [Test]
    public void Inspect_NoticeAddressedToOtherNodes_IsNotAddressed()
    {
        // A hostile peer can put a notice for fr on notice.all; the signed audience still says fr only.
        var notice = Samples.Notice();
        notice.Tlp = Tlp.Red;
        notice.Audience = new Audience { Nodes = { "fr" } };
        var body = new EnvelopeSealer("ee", _eeKey).Seal(notice).ToByteArray();

        Assert.That(_inspector.Inspect(body).Reason(), Is.EqualTo(RejectionReason.NotAddressed));
    }

    [Test]
    public void Inspect_NoticeAddressedToThisNode_IsAccepted()
    {
        var notice = Samples.Notice();
        notice.Audience = new Audience { Nodes = { "ee", "fr" } };
        var body = new EnvelopeSealer("ee", _eeKey).Seal(notice).ToByteArray();

        Assert.That(_inspector.Inspect(body).IsAccepted(), Is.True);
    }

    [Test]
    public void Inspect_GarbageBytes_IsMalformedEnvelope()
    {
        Assert.That(_inspector.Inspect(new byte[] { 0xFF, 0xFF, 0xFF }).Reason(), Is.EqualTo(RejectionReason.MalformedEnvelope));
    }

    [Test]
    public void Inspect_EmptyBody_IsMalformedEnvelope()
    {
        Assert.That(_inspector.Inspect(Array.Empty<byte>()).Reason(), Is.EqualTo(RejectionReason.MalformedEnvelope));
    }

    [Test]
    public void Inspect_OversizedBody_IsRefusedBeforeParsing()
    {
        Assert.That(_inspector.Inspect(new byte[Wire.WireProtocol.MaxEnvelopeBytes + 1]).Reason(), Is.EqualTo(RejectionReason.Oversized));
    }

    [Test]
    public void Inspect_UnknownPayloadType_IsRefused()
    {
        // A valid protobuf message of the package, but not one that travels on its own.
        var body = new EnvelopeSealer("ee", _eeKey).Seal(new Audience { All = true }).ToByteArray();

        Assert.That(_inspector.Inspect(body).Reason(), Is.EqualTo(RejectionReason.UnknownPayloadType));
    }

    [TestCase("ee", "ee", null)]
    [TestCase("fr", "ee", RejectionReason.SignerNotOrigin)]
    [TestCase("ee", "jp", RejectionReason.NotAddressed)]
    public void Inspect_Receipt_AcceptedOnlyFromItsRecipientForThisNodesNotices(string recipient, string noticeOrigin, RejectionReason? expected)
    {
        var receipt = new Receipt
        {
            NoticeId = Guid.CreateVersion7().ToString("D"),
            NoticeOrigin = noticeOrigin,
            NoticeSequence = 1,
            NoticeRevision = 1,
            Kind = ReceiptKind.Delivered,
            Recipient = recipient,
            At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        };

        var result = _inspector.Inspect(new EnvelopeSealer("ee", _eeKey).Seal(receipt).ToByteArray());

        Assert.Multiple(() =>
        {
            Assert.That(result.Reason(), Is.EqualTo(expected), result.Detail());
            Assert.That(result.Payload(), expected is null ? Is.EqualTo(receipt) : Is.Null);
        });
    }

    [Test]
    public void Inspect_ReceiptWithoutKind_IsInvalidReceipt()
    {
        var receipt = new Receipt { NoticeId = Guid.CreateVersion7().ToString("D"), NoticeOrigin = "ee", NoticeSequence = 1, NoticeRevision = 1, Recipient = "ee", At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) };

        var result = _inspector.Inspect(new EnvelopeSealer("ee", _eeKey).Seal(receipt).ToByteArray());

        Assert.That(result.Reason(), Is.EqualTo(RejectionReason.InvalidReceipt));
    }

    [Test]
    public void Inspect_SignedInvalidNotice_IsInvalidNoticeWithTheRule()
    {
        var notice = Samples.Notice();
        notice.Category = "not-a-class";
        var body = new EnvelopeSealer("ee", _eeKey).Seal(notice).ToByteArray();

        var result = _inspector.Inspect(body);

        Assert.Multiple(() =>
        {
            Assert.That(result.Reason(), Is.EqualTo(RejectionReason.InvalidNotice));
            Assert.That(result.Detail(), Does.Contain("not-a-class"));
        });
    }

    [Test]
    public void Inspect_HostileValuesInRejectedNotice_DetailHasNoControlCharactersAndIsBounded()
    {
        var notice = Samples.Notice();
        notice.Category = "fake\n2026-11-29 INFO all good\u001b[2J";
        for (var i = 0; i < 200; i++)
        {
            notice.Indicators.Add(new Indicator { Type = IndicatorType.Domain, Value = new string('x', 100) + "\n" });
        }

        var result = _inspector.Inspect(new EnvelopeSealer("ee", _eeKey).Seal(notice).ToByteArray());

        Assert.Multiple(() =>
        {
            Assert.That(result.Reason(), Is.EqualTo(RejectionReason.InvalidNotice));
            Assert.That(result.Detail()!.Any(char.IsControl), Is.False);
            Assert.That(result.Detail(), Has.Length.LessThanOrEqualTo(InspectionResult.MaxDetailChars));
        });
    }

    [Test]
    public void Inspect_SignedPayloadNotANotice_IsMalformedPayload()
    {
        var envelope = new EnvelopeSealer("ee", _eeKey).Seal(Samples.Notice());
        envelope.Payload = ByteString.CopyFrom(0xFF, 0xFF);
        // Re-sign the garbage so only the payload check can catch it.
        envelope.Signature = ByteString.CopyFrom(_eeKey.Sign(SigningInput.Build(envelope.PayloadType, "ee", _eeKey.KeyId, envelope.Payload.Span)));

        Assert.That(_inspector.Inspect(envelope.ToByteArray()).Reason(), Is.EqualTo(RejectionReason.MalformedPayload));
    }
}
