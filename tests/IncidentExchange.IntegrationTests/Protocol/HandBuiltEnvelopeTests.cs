using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using IncidentExchange.IntegrationTests.Support;
using NSec.Cryptography;
using RabbitMQ.Client;

namespace IncidentExchange.IntegrationTests.Protocol;

/// <summary>
/// Interoperability from the written specification alone: the envelopes here are encoded and signed by
/// hand, following only protos/README.md and the .proto files, the way a foreign CERT would build its
/// own node. No project code and no protobuf library encodes or signs anything, so a disagreement
/// between the specification and the reference node shows up as a failing test.
/// </summary>
public class HandBuiltEnvelopeTests
{
    /// <summary>The foreign node that builds envelopes by hand (§3: lowercase, 2 to 32 characters).</summary>
    private const string ForeignNode = "hb";

    /// <summary>§6: the payload type of an incident notice.</summary>
    private const string NoticePayloadType = "incx.v1.IncidentNotice";

    /// <summary>§3: broadcast routing key.</summary>
    private const string BroadcastRoutingKey = "notice.all";

    // Enum wire numbers from notice.proto and §9.
    private const ulong NoticeStatusOpen = 1;
    private const ulong SeverityHigh = 3;
    private const ulong TlpGreen = 2;
    private const ulong IndicatorTypeIpv4 = 1;

    // §14, copied from the specification: RFC 8032 §7.1 TEST 1 key and the expected blocks.
    private const string WorkedExampleSeedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string WorkedExamplePublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string WorkedExampleKeyId = "21fe31dfa154a261626bf854046fd227";

    private const string WorkedExamplePayloadHex =
        "0a2430313766323265322d373962302d376363332d393863342d646330633063" +
        "3037333938661202656518012001280130033802420e6d616c6963696f75732d" +
        "636f64654a06656e6572677952074578616d706c655a25576f726b6564206578" +
        "616d706c652066726f6d2070726f746f732f524541444d452e6d642e620d0801" +
        "12093139322e302e322e317a060880f2d6ca068201020801";

    private const string WorkedExampleSignatureHex =
        "42dfbc7afda1cd8ed511268ed257a4009a71b1ad54ee20012c623bc23386286f" +
        "408f9caafd04d08052a728db7e02f1bb970fc93a0a32729a7e1c1b7e8145bd00";

    private const string WorkedExampleEnvelopeHex =
        "0a16696e63782e76312e496e636964656e744e6f746963651298010a24303137" +
        "66323265322d373962302d376363332d393863342d6463306330633037333938" +
        "661202656518012001280130033802420e6d616c6963696f75732d636f64654a" +
        "06656e6572677952074578616d706c655a25576f726b6564206578616d706c65" +
        "2066726f6d2070726f746f732f524541444d452e6d642e620d08011209313932" +
        "2e302e322e317a060880f2d6ca0682010208011a026565222032316665333164" +
        "666131353461323631363236626638353430343666643232372a4042dfbc7afd" +
        "a1cd8ed511268ed257a4009a71b1ad54ee20012c623bc23386286f408f9caafd" +
        "04d08052a728db7e02f1bb970fc93a0a32729a7e1c1b7e8145bd00";

    /// <summary>§7: the 16-byte domain-separation context, no terminator and no length prefix.</summary>
    private static ReadOnlySpan<byte> SigningContext => "incx.v1.envelope"u8;

    [Test]
    public void HandBuiltEncoder_WorkedExample_ReproducesSpecificationBytes()
    {
        using var key = Key.Import(
            SignatureAlgorithm.Ed25519,
            Convert.FromHexString(WorkedExampleSeedHex),
            KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var notice = new HandNotice(
            NoticeId: "017f22e2-79b0-7cc3-98c4-dc0c0c07398f",
            Origin: "ee",
            Sequence: 1,
            Title: "Example",
            Summary: "Worked example from protos/README.md.",
            IndicatorValue: "192.0.2.1",
            IssuedAtSeconds: 1767225600);

        var payload = EncodeNotice(notice);
        var envelope = BuildSignedEnvelope(key, "ee", payload, out var signature);

        // Every block is compared, not only the envelope, so a mismatch points at the step that differs.
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), Is.EqualTo(WorkedExamplePublicKeyHex));
            Assert.That(KeyId(key), Is.EqualTo(WorkedExampleKeyId));
            Assert.That(Convert.ToHexStringLower(payload), Is.EqualTo(WorkedExamplePayloadHex));
            Assert.That(Convert.ToHexStringLower(signature), Is.EqualTo(WorkedExampleSignatureHex));
            Assert.That(Convert.ToHexStringLower(envelope), Is.EqualTo(WorkedExampleEnvelopeHex));
            Assert.That(envelope, Has.Length.EqualTo(283), "§14 gives the envelope as 283 bytes");
        });
    }

    [Test]
    public async Task HandBuiltEnvelope_FromSpecificationAlone_IsAcceptedAndDelivered()
    {
        using var key = CreateForeignKey();
        await using var node = await StartNodeTrustingAsync(key);
        await using var watcher = await AlertCollector.StartAsync(node.Client);
        var notice = FreshNotice(sequence: 1, title: "Hand-built envelope from the specification");

        await RawAmqp.PublishAsync(BrokerSetUp.Broker.AmqpUri, BroadcastRoutingKey, BuildSignedEnvelope(key, ForeignNode, EncodeNotice(notice), out _));
        var alert = await watcher.WaitForNoticeAsync(notice.NoticeId);

        Assert.Multiple(() =>
        {
            Assert.That(alert.SignatureVerified, Is.True);
            Assert.That(alert.Signer, Is.EqualTo(ForeignNode));
            Assert.That(alert.KeyId, Is.EqualTo(KeyId(key)));
            Assert.That(alert.Notice.Title, Is.EqualTo(notice.Title));
            Assert.That(alert.Notice.Origin, Is.EqualTo(ForeignNode));
            Assert.That(alert.Notice.Sequence, Is.EqualTo(notice.Sequence));
            Assert.That(alert.Notice.IssuedAt.Seconds, Is.EqualTo(notice.IssuedAtSeconds));
        });
    }

    [Test]
    public async Task HandBuiltEnvelope_OneFlippedByte_IsQuarantinedWithBadSignatureThenGoodOneStillArrives()
    {
        using var key = CreateForeignKey();
        await using var node = await StartNodeTrustingAsync(key);
        await using var watcher = await AlertCollector.StartAsync(node.Client);
        var tamperedNotice = FreshNotice(sequence: 1, title: "Tampered in transit");
        var tampered = BuildSignedEnvelope(key, ForeignNode, EncodeNotice(tamperedNotice), out _);
        FlipFirstTitleByte(tampered, tamperedNotice.Title);

        await RawAmqp.PublishAsync(BrokerSetUp.Broker.AmqpUri, BroadcastRoutingKey, tampered);
        // §4: quarantine is node-local and named incx.<node>.quarantine.
        var quarantined = await RawAmqp.GetAsync(BrokerSetUp.Broker.AmqpUri, $"incx.{node.NodeId}.quarantine");

        Assert.Multiple(() =>
        {
            Assert.That(Header(quarantined, "incx-quarantine-reason"), Is.EqualTo("bad-signature"));
            Assert.That(Header(quarantined, "incx-quarantine-detail"), Is.Not.Empty);
            Assert.That(Header(quarantined, "incx-original-routing-key"), Is.EqualTo(BroadcastRoutingKey));
            Assert.That(quarantined.Body.ToArray(), Is.EqualTo(tampered), "§4: the quarantined body is unchanged");
        });

        // A bad message must never stop the consumer (§10): a later valid notice still arrives.
        var goodNotice = FreshNotice(sequence: 2, title: "Valid after a tampered one");
        await RawAmqp.PublishAsync(BrokerSetUp.Broker.AmqpUri, BroadcastRoutingKey, BuildSignedEnvelope(key, ForeignNode, EncodeNotice(goodNotice), out _));
        var alert = await watcher.WaitForNoticeAsync(goodNotice.NoticeId);

        Assert.Multiple(() =>
        {
            Assert.That(alert.SignatureVerified, Is.True);
            Assert.That(alert.Notice.Sequence, Is.EqualTo(2));
            Assert.That(watcher.Received.Select(a => a.Notice.NoticeId), Has.No.Member(tamperedNotice.NoticeId));
        });
    }

    /// <summary>The fields a hand-built notice varies; the rest are fixed valid values (§9).</summary>
    private sealed record HandNotice(
        string NoticeId,
        string Origin,
        ulong Sequence,
        string Title,
        string Summary,
        string IndicatorValue,
        long IssuedAtSeconds);

    private static HandNotice FreshNotice(ulong sequence, string title) => new(
        NoticeId: Guid.CreateVersion7().ToString("D"),
        Origin: ForeignNode,
        Sequence: sequence,
        Title: title,
        Summary: "Built byte by byte from protos/README.md by an interoperability test.",
        IndicatorValue: "192.0.2.1",
        // Whole seconds: §9 only requires seconds > 0, and leaving nanos at 0 keeps the field omitted.
        IssuedAtSeconds: DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>
    /// notice.proto in field-number order, default values omitted (§14 describes this as the form
    /// mainstream libraries produce). Status OPEN, severity HIGH, TLP GREEN, one IPv4 indicator,
    /// broadcast audience: the same shape as the worked example so one encoder covers both.
    /// </summary>
    private static byte[] EncodeNotice(HandNotice notice)
    {
        var indicator = new ProtoWriter()
            .VarintField(1, IndicatorTypeIpv4)
            .StringField(2, notice.IndicatorValue);
        // google.protobuf.Timestamp: seconds is field 1 (int64, varint); nanos (field 2) stays 0 and is omitted.
        var issuedAt = new ProtoWriter().VarintField(1, (ulong)notice.IssuedAtSeconds);
        var audience = new ProtoWriter().BoolField(1, true);

        return new ProtoWriter()
            .StringField(1, notice.NoticeId)
            .StringField(2, notice.Origin)
            .VarintField(3, notice.Sequence)
            .VarintField(4, 1) // revision: a first version
            .VarintField(5, NoticeStatusOpen)
            .VarintField(6, SeverityHigh)
            .VarintField(7, TlpGreen)
            .StringField(8, "malicious-code")
            .StringField(9, "energy")
            .StringField(10, notice.Title)
            .StringField(11, notice.Summary)
            .MessageField(12, indicator)
            .MessageField(15, issuedAt)
            .MessageField(16, audience)
            .ToArray();
    }

    /// <summary>§6 and §7: sign the payload bytes as they are, then wrap them in an Envelope.</summary>
    private static byte[] BuildSignedEnvelope(Key key, string signer, byte[] payload, out byte[] signature)
    {
        var keyId = KeyId(key);
        signature = SignatureAlgorithm.Ed25519.Sign(key, SigningInput(NoticePayloadType, signer, keyId, payload));
        return new ProtoWriter()
            .StringField(1, NoticePayloadType)
            .BytesField(2, payload)
            .StringField(3, signer)
            .StringField(4, keyId)
            .BytesField(5, signature)
            .ToArray();
    }

    /// <summary>§7: context || u32be(len) || bytes, for payload_type, signer, key_id and payload in that order.</summary>
    private static byte[] SigningInput(string payloadType, string signer, string keyId, byte[] payload)
    {
        var input = new List<byte>();
        input.AddRange(SigningContext);
        AppendWithLength(input, Encoding.UTF8.GetBytes(payloadType));
        AppendWithLength(input, Encoding.UTF8.GetBytes(signer));
        AppendWithLength(input, Encoding.UTF8.GetBytes(keyId));
        AppendWithLength(input, payload);
        return [.. input];
    }

    private static void AppendWithLength(List<byte> input, byte[] field)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)field.Length);
        input.AddRange(length);
        input.AddRange(field);
    }

    /// <summary>§8: lowercase hex of the first 16 bytes of SHA-256 over the 32 raw public-key bytes.</summary>
    private static string KeyId(Key key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)).AsSpan(0, 16));

    private static Key CreateForeignKey() =>
        Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    /// <summary>A real gateway that pins the foreign key for "hb" (§8: pinning by node id and public key).</summary>
    private static Task<TestNode> StartNodeTrustingAsync(Key key)
    {
        var publicKey = Convert.ToBase64String(key.Export(KeyBlobFormat.RawPublicKey));
        return TestNode.StartAsync(BrokerSetUp.Broker, settings =>
        {
            settings["Incx:TrustedKeys:0:Node"] = ForeignNode;
            settings["Incx:TrustedKeys:0:PublicKey"] = publicKey;
        });
    }

    /// <summary>
    /// Swaps the case of the title's first ASCII letter inside the envelope. The byte lies in the signed
    /// payload, the text stays valid UTF-8 and no length changes, so the envelope and the notice still
    /// parse: only the signature check (§10 step 7) can catch it.
    /// </summary>
    private static void FlipFirstTitleByte(byte[] envelope, string title)
    {
        var offset = envelope.AsSpan().IndexOf(Encoding.UTF8.GetBytes(title));
        Assert.That(offset, Is.GreaterThanOrEqualTo(0), "the title must appear verbatim in the envelope");
        envelope[offset] ^= 0x20;
    }

    /// <summary>Quarantine headers are AMQP long strings, which RabbitMQ.Client 7 hands over as UTF-8 bytes.</summary>
    private static string? Header(BasicGetResult message, string name) =>
        message.BasicProperties.Headers?.TryGetValue(name, out var value) == true && value is byte[] bytes
            ? Encoding.UTF8.GetString(bytes)
            : null;

    /// <summary>
    /// Just enough protobuf (proto3) encoding for these messages: varint and length-delimited fields,
    /// scalar defaults omitted, sub-messages always written.
    /// </summary>
    private sealed class ProtoWriter
    {
        private const int WireTypeVarint = 0;
        private const int WireTypeLengthDelimited = 2;
        private readonly List<byte> _bytes = [];

        public ProtoWriter VarintField(int field, ulong value)
        {
            if (value != 0)
            {
                WriteTag(field, WireTypeVarint);
                WriteVarint(value);
            }

            return this;
        }

        public ProtoWriter BoolField(int field, bool value) => VarintField(field, value ? 1UL : 0UL);

        public ProtoWriter StringField(int field, string value) => BytesField(field, Encoding.UTF8.GetBytes(value));

        public ProtoWriter BytesField(int field, ReadOnlySpan<byte> value)
        {
            if (!value.IsEmpty)
            {
                WriteLengthDelimited(field, value);
            }

            return this;
        }

        // A set sub-message is written even when empty: presence is meaningful for messages.
        public ProtoWriter MessageField(int field, ProtoWriter message)
        {
            WriteLengthDelimited(field, message.ToArray());
            return this;
        }

        public byte[] ToArray() => [.. _bytes];

        private void WriteLengthDelimited(int field, ReadOnlySpan<byte> value)
        {
            WriteTag(field, WireTypeLengthDelimited);
            WriteVarint((ulong)value.Length);
            _bytes.AddRange(value);
        }

        // §14: tag = (field_number << 3) | wire_type, itself a varint (field 16 takes two bytes).
        private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

        // Base-128, least significant group first, high bit set on every byte but the last.
        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.Add((byte)value);
        }
    }
}
