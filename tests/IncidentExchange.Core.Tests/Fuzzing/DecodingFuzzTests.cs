using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Checks;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Core.Receipts;
using IncidentExchange.Core.Resends;
using IncidentExchange.Core.Validation;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Core.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing of what a hostile peer controls: the AMQP body (envelope decoding) and, with a
/// stolen or misused key, the signed payload (notice and other payload decoding and rules). For every input
/// the inspector must return a result, never throw, and accept only what it should. Bounded for CI by
/// <c>INCX_FUZZ_CASES</c> (default 10000 per property); set it higher for a longer run.
/// </summary>
public class DecodingFuzzTests
{
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("INCX_FUZZ_CASES"), out var cases) && cases > 0 ? cases : 10_000;
    private static readonly string[] PayloadTypeChoices = [PayloadTypes.IncidentNotice, PayloadTypes.ContactRecord, PayloadTypes.Receipt, PayloadTypes.CommunicationCheck, PayloadTypes.ResendRequest, PayloadTypes.ResendReply];

    private SigningKey _eeKey = null!;
    private EnvelopeInspector _inspector = null!;
    private IncidentNotice _notice = null!;
    private byte[] _sealed = [];

    [SetUp]
    public void TrustEe()
    {
        _eeKey = SigningKey.Generate();
        var directory = new ContactDirectory();
        directory.Pin("ee", _eeKey.PublicKey);
        _inspector = new EnvelopeInspector(directory, "fr");
        _notice = Samples.Notice();
        _sealed = new EnvelopeSealer("ee", _eeKey).Seal(_notice).ToByteArray();
    }

    [TearDown]
    public void DisposeKey() => _eeKey.Dispose();

    [Test]
    public void AnyBytes_AreRejectedWithAReason_NeverThrow()
    {
        var bytes = ArbMap.Default.ArbFor<byte[]>();

        Prop.ForAll(bytes, body => Rejected(_inspector.Inspect(body))).Check(Config(nameof(AnyBytes_AreRejectedWithAReason_NeverThrow)));
    }

    [Test]
    public void MutatedSignedNotice_NeverThrows_AcceptedOnlyWithTheSignedContent()
    {
        var mutated = Mutations().Select(m => Apply(m, _sealed)).ToArbitrary();

        Prop.ForAll(mutated, body =>
        {
            var result = _inspector.Inspect(body);
            // Only changes outside the signed fields (e.g. unknown fields appended) can leave an envelope acceptable.
            return Rejected(result) || (result is InspectionResult.Accepted accepted && accepted.Payload.Equals(_notice));
        }).Check(Config(nameof(MutatedSignedNotice_NeverThrows_AcceptedOnlyWithTheSignedContent)));
    }

    [Test]
    public void ValidlySignedArbitraryPayload_NeverThrows_AcceptedOnlyIfItKeepsTheRules()
    {
        // A holder of ee's key can sign anything: the payload decoding and rules are then all that stand.
        var payloads =
            from type in Gen.Elements(PayloadTypeChoices)
            from payload in Gen.OneOf(
                ArbMap.Default.GeneratorFor<byte[]>(),
                Mutations().Select(m => Apply(m, _notice.ToByteArray())))
            select (type, payload);

        Prop.ForAll(payloads.ToArbitrary(), input =>
        {
            var body = SealRaw(input.type, input.payload);
            var result = _inspector.Inspect(body);
            return Rejected(result) || (result is InspectionResult.Accepted accepted && accepted.Envelope.Signer == "ee" && KeepsItsRules(accepted));
        }).Check(Config(nameof(ValidlySignedArbitraryPayload_NeverThrows_AcceptedOnlyIfItKeepsTheRules)));
    }

    [Test]
    public void InvalidUtf8InASignedNotice_IsMalformedPayload()
    {
        // Field 10 (title) again, holding bytes that are not UTF-8: proto3 strings must be UTF-8, and Google.Protobuf
        // refuses them while parsing (other implementations must too, or they would show an altered title).
        var payload = _notice.ToByteArray().Concat(new byte[] { 0x52, 0x03, 0xC3, 0x28, 0xFF }).ToArray();

        var result = _inspector.Inspect(SealRaw(PayloadTypes.IncidentNotice, payload));

        Assert.That(result.Reason(), Is.EqualTo(RejectionReason.MalformedPayload), result.Detail());
    }

    // What was accepted passes the rules of its payload type, checked again here independently of the inspector.
    private static bool KeepsItsRules(InspectionResult.Accepted result) => result.Payload switch
    {
        IncidentNotice notice => NoticeValidator.Validate(notice).Count == 0,
        ContactRecord record => ContactRecordValidator.Validate(record).Count == 0,
        Receipt receipt => ReceiptValidator.Validate(receipt).Count == 0,
        CommunicationCheck check => CheckValidator.Validate(check).Count == 0,
        ResendRequest request => ResendRules.Validate(request).Count == 0,
        ResendReply reply => ResendRules.Validate(reply).Count == 0,
        _ => true,
    };

    private static bool Rejected(InspectionResult result) =>
        result is InspectionResult.Rejected rejected && Enum.IsDefined(rejected.Reason) && !string.IsNullOrWhiteSpace(rejected.Detail);

    private byte[] SealRaw(string payloadType, byte[] payload)
    {
        var input = SigningInput.Build(payloadType, "ee", _eeKey.KeyId, payload);
        return new Envelope
        {
            PayloadType = payloadType,
            Signer = "ee",
            KeyId = _eeKey.KeyId,
            Payload = ByteString.CopyFrom(payload),
            Signature = ByteString.CopyFrom(_eeKey.Sign(input)),
        }.ToByteArray();
    }

    // A mutation: what to do (0 flip, 1 truncate, 2 insert, 3 delete, 4 duplicate), where (a fraction of the length), and bytes.
    private static Gen<(int Kind, double Position, byte[] Bytes)[]> Mutations() =>
        Gen.ArrayOf(
            from kind in Gen.Choose(0, 4)
            from position in Gen.Choose(0, 10_000).Select(w => w / 10_000.0)
            from bytes in ArbMap.Default.GeneratorFor<byte[]>()
            select (kind, position, bytes)).Where(m => m.Length > 0);

    private static byte[] Apply((int Kind, double Position, byte[] Bytes)[] mutations, byte[] original)
    {
        var body = original.ToList();
        foreach (var (kind, position, bytes) in mutations)
        {
            var at = Math.Min(body.Count - 1, (int)(position * body.Count));
            if (at < 0)
            {
                body.AddRange(bytes);
                continue;
            }

            switch (kind)
            {
                case 0:
                    body[at] ^= bytes.Length > 0 && bytes[0] != 0 ? bytes[0] : (byte)0x01;
                    break;
                case 1:
                    body.RemoveRange(at, body.Count - at);
                    break;
                case 2:
                    body.InsertRange(at, bytes);
                    break;
                case 3:
                    body.RemoveRange(at, Math.Min(body.Count - at, 1 + bytes.Length));
                    break;
                default:
                    body.InsertRange(at, body.GetRange(at, Math.Min(body.Count - at, 1 + bytes.Length)));
                    break;
            }
        }

        return [.. body];
    }

    private static Config Config(string name) => FsCheck.Config.QuickThrowOnFailure.WithMaxTest(Cases).WithName(name).WithQuietOnSuccess(true);
}
