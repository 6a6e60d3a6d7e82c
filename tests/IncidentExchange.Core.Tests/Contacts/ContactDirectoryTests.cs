using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound;

namespace IncidentExchange.Core.Tests.Contacts;

/// <summary>The trust rules of the points-of-contact directory, one test per rule, through the same inspector a node uses.</summary>
public class ContactDirectoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private SigningKey _fr1 = null!;
    private SigningKey _fr2 = null!;
    private SigningKey _ee = null!;
    private ContactDirectory _directory = null!;
    private EnvelopeInspector _inspector = null!;

    [SetUp]
    public void PinFrAndEe()
    {
        _fr1 = SigningKey.Generate();
        _fr2 = SigningKey.Generate();
        _ee = SigningKey.Generate();
        _directory = new ContactDirectory();
        _directory.Pin("fr", _fr1.PublicKey);
        _directory.Pin("ee", _ee.PublicKey);
        _inspector = new EnvelopeInspector(_directory, "ee");
    }

    [TearDown]
    public void DisposeKeys()
    {
        _fr1.Dispose();
        _fr2.Dispose();
        _ee.Dispose();
    }

    [Test]
    public void Offer_FirstRecordSignedByPinnedKey_IsAccepted()
    {
        var (outcome, _) = Receive(Signed(_fr1, Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr1))));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RecordOutcome.Accepted));
            Assert.That(_directory.Get("fr")!.Current!.Record.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void Offer_FirstRecordSignedByUnpinnedKeyItLists_IsRefusedAsUnknownKey()
    {
        // A record cannot vouch for itself: the first one must come from the out-of-band pin.
        var (outcome, reason) = Receive(Signed(_fr2, Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr2))));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RecordOutcome.Refused));
            Assert.That(reason, Is.EqualTo(RejectionReason.UnknownKey));
            Assert.That(_directory.Get("fr")!.Current, Is.Null);
        });
    }

    [Test]
    public void Offer_RecordForFrSignedByEe_IsRefusedAsSignerNotOrigin()
    {
        var record = Samples.Record("fr", 1, T0, Samples.KeyEntry(_ee));
        var envelope = new EnvelopeSealer("ee", _ee).Seal(record);

        var (outcome, reason) = Receive(envelope);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RecordOutcome.Refused));
            Assert.That(reason, Is.EqualTo(RejectionReason.SignerNotOrigin));
            Assert.That(_directory.Get("fr")!.Current, Is.Null);
        });
    }

    [Test]
    public void Offer_RecordForFrClaimingFrButSignedWithEesKey_IsRefusedAsUnknownKey()
    {
        var record = Samples.Record("fr", 1, T0, Samples.KeyEntry(_ee));
        var envelope = new EnvelopeSealer("fr", _ee).Seal(record);

        var (_, reason) = Receive(envelope);

        Assert.That(reason, Is.EqualTo(RejectionReason.UnknownKey));
    }

    [Test]
    public void Offer_LaterRecordSignedByKeyValidInCurrentRecord_IsAccepted()
    {
        AcceptRotation();

        var (outcome, _) = Receive(Signed(_fr2, Samples.Record("fr", 3, T0.AddDays(2), Samples.KeyEntry(_fr1, notAfter: T0.AddDays(8)), Samples.KeyEntry(_fr2, notBefore: T0.AddDays(1)))));

        Assert.That(outcome, Is.EqualTo(RecordOutcome.Accepted));
    }

    [Test]
    public void Offer_LaterRecordSignedByPinnedKeyTheCurrentRecordDropped_IsRefused()
    {
        // Once a node has a record, the record alone says which keys are valid.
        Accept(Signed(_fr1, Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr1))));
        Accept(Signed(_fr1, Samples.Record("fr", 2, T0.AddDays(1), Samples.KeyEntry(_fr2))));

        var (outcome, reason) = Receive(Signed(_fr1, Samples.Record("fr", 3, T0.AddDays(2), Samples.KeyEntry(_fr1))));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RecordOutcome.Refused));
            Assert.That(reason, Is.EqualTo(RejectionReason.UnknownKey));
            Assert.That(_directory.Get("fr")!.Current!.Record.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void Offer_RecordSignedAfterItsKeyExpired_IsRefusedAsKeyExpired()
    {
        AcceptRotation();

        var (_, reason) = Receive(Signed(_fr1, Samples.Record("fr", 3, T0.AddDays(9), Samples.KeyEntry(_fr2))));

        Assert.That(reason, Is.EqualTo(RejectionReason.KeyExpired));
    }

    [Test]
    public void Offer_OlderVersionNotHeld_IsIgnoredAsStaleAndCounted()
    {
        // This node met fr at version 2 (it joined late): fr's version 1 is a replay it never held.
        Accept(Signed(_fr1, Samples.Record("fr", 2, T0.AddHours(1), Samples.KeyEntry(_fr1))));
        Accept(Signed(_fr1, Samples.Record("fr", 3, T0.AddHours(2), Samples.KeyEntry(_fr1))));
        var old = Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr1));
        old.Organisation = "old name";

        var (outcome, reason) = Receive(Signed(_fr1, old));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RecordOutcome.Refused));
            Assert.That(reason, Is.EqualTo(RejectionReason.StaleRecord));
            Assert.That(_directory.Get("fr")!.Current!.Record.Version, Is.EqualTo(3));
            Assert.That(_directory.Get("fr")!.Stale, Is.EqualTo(1));
        });
    }

    [Test]
    public void Offer_ExactCopyOfAHeldVersion_IsADuplicateAndChangesNothing()
    {
        var first = Signed(_fr1, Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr1)));
        Accept(first);
        Accept(Signed(_fr1, Samples.Record("fr", 2, T0.AddHours(1), Samples.KeyEntry(_fr1))));

        var (outcome, _) = Receive(first);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RecordOutcome.Duplicate));
            Assert.That(_directory.Get("fr")!.Current!.Record.Version, Is.EqualTo(2));
            Assert.That(_directory.Get("fr")!.Stale, Is.Zero);
        });
    }

    [Test]
    public void Offer_DifferentRecordWithCurrentVersion_IsFlaggedAsConflictAndFirstKept()
    {
        Accept(Signed(_fr1, Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr1))));
        var other = Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr1));
        other.Organisation = "someone else";

        var (outcome, reason) = Receive(Signed(_fr1, other));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RecordOutcome.Refused));
            Assert.That(reason, Is.EqualTo(RejectionReason.RecordConflict));
            Assert.That(_directory.Get("fr")!.Current!.Record.Organisation, Is.EqualTo("CERT-FR"));
            Assert.That(_directory.Get("fr")!.Conflicts, Is.EqualTo(1));
        });
    }

    [Test]
    public void Offer_RecordSignedByRetiringKeyInsideItsWindow_IsRefusedAsKeyRetired()
    {
        // fr1 has an end date after the rotation: it may still sign notices, but not records.
        AcceptRotation();

        var (outcome, reason) = Receive(Signed(_fr1, Samples.Record("fr", 3, T0.AddDays(2), Samples.KeyEntry(_fr1))));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RecordOutcome.Refused));
            Assert.That(reason, Is.EqualTo(RejectionReason.KeyRetired));
            Assert.That(_directory.Get("fr")!.Current!.Record.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void Offer_RevokedKeyBackdatingARecordThatUnrevokesIt_IsRefused()
    {
        // fr1 revoked in v3 from T0+4d; a thief holding fr1 dates v4 before that and lists fr1 alone.
        AcceptRotation();
        Accept(Signed(_fr2, Samples.Record("fr", 3, T0.AddDays(4), Samples.KeyEntry(_fr1, notAfter: T0.AddDays(8), revokedAt: T0.AddDays(4), reason: "compromised"), Samples.KeyEntry(_fr2, notBefore: T0.AddDays(1)))));

        var (_, backdated) = Receive(Signed(_fr1, Samples.Record("fr", 4, T0.AddDays(3), Samples.KeyEntry(_fr1))));
        var (_, afterRevocation) = Receive(Signed(_fr1, Samples.Record("fr", 4, T0.AddDays(5), Samples.KeyEntry(_fr1))));

        Assert.Multiple(() =>
        {
            Assert.That(backdated, Is.EqualTo(RejectionReason.KeyRetired), "a revoked key signs no records, whatever their date");
            Assert.That(afterRevocation, Is.EqualTo(RejectionReason.KeyRevoked));
            Assert.That(_directory.Get("fr")!.Current!.Record.Version, Is.EqualTo(3));
        });
    }

    [Test]
    public void Offer_RecordIssuedFarInTheFuture_IsRefusedAndChangesNothing()
    {
        Accept(Signed(_fr1, Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr1))));
        var envelope = Signed(_fr1, Samples.Record("fr", 2, DateTimeOffset.UtcNow.AddHours(1), Samples.KeyEntry(_fr1)));

        var decision = _directory.Offer(envelope, ContactRecord.Parser.ParseFrom(envelope.Payload), DateTimeOffset.UtcNow);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Reason, Is.EqualTo(RejectionReason.InvalidRecord));
            Assert.That(_directory.Get("fr")!.Current!.Record.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void Offer_ConflictSignedWithARevokedKey_IsRefusedForTheKeyNotCountedAsConflict()
    {
        AcceptRotation();
        Accept(Signed(_fr2, Samples.Record("fr", 3, T0.AddDays(4), Samples.KeyEntry(_fr1, notAfter: T0.AddDays(8), revokedAt: T0.AddDays(4), reason: "compromised"), Samples.KeyEntry(_fr2, notBefore: T0.AddDays(1)))));
        var forgedSecond = Samples.Record("fr", 2, T0.AddDays(1), Samples.KeyEntry(_fr1));

        var (_, reason) = Receive(Signed(_fr1, forgedSecond));

        Assert.Multiple(() =>
        {
            Assert.That(reason, Is.EqualTo(RejectionReason.KeyRetired));
            Assert.That(_directory.Get("fr")!.Conflicts, Is.Zero);
        });
    }

    [Test]
    public void Offer_NewerVersionDatedBeforeTheCurrentRecord_IsStale()
    {
        Accept(Signed(_fr1, Samples.Record("fr", 1, T0.AddDays(1), Samples.KeyEntry(_fr1))));

        var (_, reason) = Receive(Signed(_fr1, Samples.Record("fr", 2, T0, Samples.KeyEntry(_fr1))));

        Assert.That(reason, Is.EqualTo(RejectionReason.StaleRecord));
    }

    [Test]
    public void Offer_DifferentRecordWithAnOlderHeldVersion_IsAConflict()
    {
        Accept(Signed(_fr1, Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr1))));
        Accept(Signed(_fr1, Samples.Record("fr", 2, T0.AddHours(1), Samples.KeyEntry(_fr1))));
        var otherFirst = Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr1));
        otherFirst.Organisation = "another version 1";

        var (_, reason) = Receive(Signed(_fr1, otherFirst));

        Assert.Multiple(() =>
        {
            Assert.That(reason, Is.EqualTo(RejectionReason.RecordConflict));
            Assert.That(_directory.Get("fr")!.Conflicts, Is.EqualTo(1));
        });
    }

    [Test]
    public void Offer_MoreVersionsThanKept_KeepsTheNewestAndStillAcceptsNewOnes()
    {
        for (var v = 1UL; v <= ContactLimits.MaxVersionsKept + 5; v++)
        {
            Accept(Signed(_fr1, Samples.Record("fr", v, T0.AddMinutes(v), Samples.KeyEntry(_fr1))));
        }

        var history = _directory.History("fr");

        Assert.Multiple(() =>
        {
            Assert.That(history, Has.Count.EqualTo(ContactLimits.MaxVersionsKept));
            Assert.That(history[0].Record.Version, Is.EqualTo(6));
            Assert.That(history[^1].Record.Version, Is.EqualTo(ContactLimits.MaxVersionsKept + 5));
        });
    }

    [Test]
    public void Inspect_NoticeSignedWithOldKeyDuringOverlap_IsAccepted()
    {
        AcceptRotation();

        var result = _inspector.Inspect(SignedNotice(_fr1, T0.AddDays(3)));

        Assert.That(result.IsAccepted(), Is.True, result.Detail());
    }

    [Test]
    public void Inspect_NoticeSignedWithRevokedKeyAfterRevocation_IsQuarantinedAsKeyRevoked()
    {
        AcceptRotation();
        Accept(Signed(_fr2, Samples.Record("fr", 3, T0.AddDays(4), Samples.KeyEntry(_fr1, notAfter: T0.AddDays(8), revokedAt: T0.AddDays(4), reason: "superseded"), Samples.KeyEntry(_fr2, notBefore: T0.AddDays(1)))));

        var before = _inspector.Inspect(SignedNotice(_fr1, T0.AddDays(3)));
        var after = _inspector.Inspect(SignedNotice(_fr1, T0.AddDays(5)));

        Assert.Multiple(() =>
        {
            Assert.That(before.IsAccepted(), Is.True, before.Detail());
            Assert.That(after.Reason(), Is.EqualTo(RejectionReason.KeyRevoked));
            Assert.That(after.Detail(), Does.Contain("revoked").And.Contain("superseded"));
        });
    }

    [Test]
    public void Inspect_NoticeSignedWithNewKeyBeforeItsWindow_IsQuarantinedAsNotYetValid()
    {
        AcceptRotation();

        var result = _inspector.Inspect(SignedNotice(_fr2, T0.AddHours(12)));

        Assert.That(result.Reason(), Is.EqualTo(RejectionReason.KeyNotYetValid));
    }

    [Test]
    public void Inspect_NoticeSignedWithPinnedKeyNotInRecord_IsQuarantinedAsUnknownKey()
    {
        Accept(Signed(_fr1, Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr1), Samples.KeyEntry(_fr2))));
        Accept(Signed(_fr2, Samples.Record("fr", 2, T0.AddDays(1), Samples.KeyEntry(_fr2))));

        var result = _inspector.Inspect(SignedNotice(_fr1, T0.AddDays(2)));

        Assert.Multiple(() =>
        {
            Assert.That(result.Reason(), Is.EqualTo(RejectionReason.UnknownKey));
            Assert.That(result.Detail(), Does.Contain("not in its contact record version 2"));
        });
    }

    [Test]
    public void Inspect_NoticeFromNodeWithoutPinOrRecord_IsQuarantinedAsUnknownSigner()
    {
        using var stranger = SigningKey.Generate();

        var result = _inspector.Inspect(new EnvelopeSealer("jp", stranger).Seal(Samples.Notice("jp")).ToByteArray());

        Assert.That(result.Reason(), Is.EqualTo(RejectionReason.UnknownSigner));
    }

    [Test]
    public void Inspect_InvalidRecord_IsQuarantinedAsInvalidRecord()
    {
        var record = Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr1));
        record.Country = "France";

        var result = _inspector.Inspect(Signed(_fr1, record).ToByteArray());

        Assert.Multiple(() =>
        {
            Assert.That(result.Reason(), Is.EqualTo(RejectionReason.InvalidRecord));
            Assert.That(result.Detail(), Does.Contain("country"));
        });
    }

    // v1 with fr1 only, then v2 signed by fr1: fr1 valid until T0+8d, fr2 valid from T0+1d.
    private void AcceptRotation()
    {
        Accept(Signed(_fr1, Samples.Record("fr", 1, T0, Samples.KeyEntry(_fr1))));
        Accept(Signed(_fr1, Samples.Record("fr", 2, T0.AddDays(1), Samples.KeyEntry(_fr1, notAfter: T0.AddDays(8)), Samples.KeyEntry(_fr2, notBefore: T0.AddDays(1)))));
    }

    private void Accept(Envelope envelope)
    {
        var (outcome, reason) = Receive(envelope);
        Assert.That(outcome, Is.EqualTo(RecordOutcome.Accepted), $"setup record refused: {reason}");
    }

    private (RecordOutcome Outcome, RejectionReason? Reason) Receive(Envelope envelope)
    {
        var inspected = _inspector.Inspect(envelope.ToByteArray());
        if (!inspected.IsAccepted())
        {
            return (RecordOutcome.Refused, inspected.Reason());
        }

        var decision = _directory.Offer(inspected.Envelope!, (ContactRecord)inspected.Payload()!, DateTimeOffset.UtcNow);
        return (decision.Outcome, decision.Reason);
    }

    private static Envelope Signed(SigningKey key, ContactRecord record) => new EnvelopeSealer(record.NodeId, key).Seal(record);

    private static byte[] SignedNotice(SigningKey key, DateTimeOffset issuedAt)
    {
        var notice = Samples.Notice("fr");
        notice.IssuedAt = Timestamp.FromDateTimeOffset(issuedAt);
        return new EnvelopeSealer("fr", key).Seal(notice).ToByteArray();
    }
}
