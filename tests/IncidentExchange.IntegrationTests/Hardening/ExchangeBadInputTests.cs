using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentExchange.IntegrationTests.Hardening;

/// <summary>
/// What a hostile or broken peer can put on the exchange, injected over raw AMQP at fr's broker while ee keeps
/// publishing valid notices to fr through the real federation link. Each input must be quarantined with its
/// reason and counted; every valid notice must reach fr's subscriber exactly once, within
/// <see cref="DeliveryBound"/> of its confirmation, whatever was injected meanwhile.
/// </summary>
public class ExchangeBadInputTests
{
    /// <summary>The bound the product states for valid traffic while bad input is refused (README, Hardening).</summary>
    private static readonly TimeSpan DeliveryBound = TimeSpan.FromSeconds(10);

    private const int FloodSize = 2_000;
    private readonly List<(string Input, string Expected, string Actual, string Detail)> _table = [];
    private LocalFederation _federation = null!;

    private TestNode Ee => _federation["ee"];

    private TestNode Fr => _federation["fr"];

    private string FrAmqp => _federation.BrokerOf("fr").AmqpUri;

    private GatewayMetrics FrMetrics => Fr.Services.GetRequiredService<GatewayMetrics>();

    [OneTimeSetUp]
    public async Task StartFederation() => _federation = await LocalFederation.StartAsync(["ee", "fr"]);

    [OneTimeTearDown]
    public async Task StopFederation() => await _federation.DisposeAsync();

    [Test]
    public async Task HostileInput_EachQuarantinedWithItsReason_ValidTrafficDeliveredOnceWithinBound()
    {
        await using var atFr = await AlertCollector.StartAsync(Fr.Client);
        await using var steady = SteadyTraffic.Start(() => Ee.Client, "steady", TimeSpan.FromMilliseconds(100));
        var eeKey = Ee.PrivateKeyFile;
        var started = DateTime.UtcNow;

        await InjectAsync("not protobuf at all", "malformed-envelope", [0xFF, 0xFF, 0xFF, 0x0A]);
        var whole = HandBuilt.Notice("ee", eeKey, "to be cut short").Body;
        await InjectAsync("truncated envelope", "malformed-envelope", whole[..(whole.Length / 2)]);
        await InjectAsync("oversized envelope", "oversized", new byte[WireProtocol.MaxEnvelopeBytes + 1]);
        await InjectAsync("unknown payload type", "unknown-payload-type", Raw("incx.v1.Unknown", "ee", eeKey, [0x0A, 0x01, 0x41]));
        await InjectAsync("invalid UTF-8 in the envelope's signer", "malformed-envelope", InvalidUtf8Signer(whole));
        await InjectAsync("signer ee, origin jp", "signer-not-origin", HandBuilt.Seal("ee", eeKey, Notice("jp", "claims to be jp")));
        await InjectAsync("signature over other bytes", "bad-signature", SwappedPayload(eeKey));
        await InjectAsync("unknown signer", "unknown-signer", StrangerSealed());
        await InjectAsync("unknown key of a known signer", "unknown-key", SealedWithFreshKey("ee", Notice("ee", "unknown key")));
        await InjectAsync("TLP:RED broadcast", "invalid-notice", HandBuilt.Seal("ee", eeKey, Red()));
        await InjectAsync("5000 indicators", "invalid-notice", HandBuilt.Seal("ee", eeKey, HugeIndicatorList()));
        await InjectAsync("invalid UTF-8 in a signed title", "malformed-payload", Raw(PayloadTypes.IncidentNotice, "ee", eeKey, InvalidUtf8Title()));
        await InjectAsync("RED notice for jp on notice.all", "not-addressed", HandBuilt.Seal("ee", eeKey, RedFor("jp")), "notice.all");
        await InjectAsync("check without targets", "invalid-check", HandBuilt.Seal("ee", eeKey, new CommunicationCheck { CheckId = Guid.CreateVersion7().ToString("D"), Origin = "ee", IssuedAt = Now() }));
        await InjectAsync("re-send request for an empty range", "invalid-resend", HandBuilt.Seal("ee", eeKey, new ResendRequest { RequestId = Guid.CreateVersion7().ToString("D"), Requester = "ee", Origin = "fr", FromSequence = 5, ToSequence = 2, IssuedAt = Now() }), "resend.fr");
        await InjectAsync("receipt without a notice", "invalid-receipt", HandBuilt.Seal("ee", eeKey, new Receipt { NoticeOrigin = "fr", Recipient = "ee", Kind = ReceiptKind.Delivered, At = Now() }), "receipt.fr");
        await ReplayedNoticeIsSuppressedAsync(atFr, eeKey);
        await KeyAndRecordReplaysAsync();
        await FloodAsync(eeKey);
        var flooded = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1));

        var confirmed = await steady.StopAsync();
        await WaitUntilDeliveredAsync(atFr, confirmed.Keys);
        var received = atFr.ReceivedWithTimes.Where(r => r.Alert.Notice is not null).ToList();
        var delays = confirmed.Select(c => received.First(r => r.Alert.Notice.NoticeId == c.Key).At - c.Value).ToList();
        var duplicates = received.GroupBy(r => (r.Alert.Notice.NoticeId, r.Alert.Notice.Revision)).Where(g => g.Count() > 1).Select(g => g.Key.NoticeId).ToList();
        var strangers = received.Select(r => r.Alert.Notice.Title).Where(t => !t.StartsWith("steady ", StringComparison.Ordinal) && t != "replayed").ToList();
        Report(confirmed.Count, received.Count, delays.Max());

        Assert.Multiple(() =>
        {
            foreach (var (input, expected, actual, detail) in _table)
            {
                Assert.That(actual, Is.EqualTo(expected), $"{input}: {detail}");
            }

            Assert.That(confirmed.Values, Has.Some.LessThan(started.AddSeconds(5)).And.Some.GreaterThan(flooded), "steady traffic ran through the whole suite");
            Assert.That(duplicates, Is.Empty, "valid notices shown twice");
            Assert.That(strangers, Is.Empty, "bad input that reached the subscriber");
            Assert.That(delays.Max(), Is.LessThanOrEqualTo(DeliveryBound), "slowest valid notice");
            Assert.That(FrMetrics.QuarantinedByReason.GetValueOrDefault(RejectionReason.BadSignature), Is.GreaterThanOrEqualTo(FloodSize + 1));
        });
    }

    private async Task InjectAsync(string input, string expected, byte[] body, string routingKey = "notice.fr")
    {
        var id = Guid.NewGuid().ToString();
        await RawAmqp.PublishAsync(FrAmqp, routingKey, body, messageId: id);
        try
        {
            var (reason, detail) = await Quarantine.WaitForAsync(FrAmqp, "fr", id, TimeSpan.FromSeconds(15));
            _table.Add((input, expected, reason, detail));
        }
        catch (TimeoutException)
        {
            _table.Add((input, expected, "not quarantined", "nothing in fr's quarantine within 15 s"));
        }
    }

    // The same signed notice twice (a replay, or a broker redelivery): shown once, the second copy counted as a duplicate.
    private async Task ReplayedNoticeIsSuppressedAsync(AlertCollector atFr, string eeKey)
    {
        var before = FrMetrics.DuplicatesSuppressed;
        var (body, notice) = HandBuilt.Notice("ee", eeKey, "replayed");
        await RawAmqp.PublishAsync(FrAmqp, "notice.fr", body);
        await atFr.WaitForNoticeAsync(notice.NoticeId);
        await RawAmqp.PublishAsync(FrAmqp, "notice.fr", body);
        await Poll.UntilAsync(() => FrMetrics.DuplicatesSuppressed != before, TimeSpan.FromSeconds(15));

        var shown = atFr.Received.Count(a => a.Notice?.NoticeId == notice.NoticeId);
        _table.Add(("the same notice again", "duplicate-suppressed", FrMetrics.DuplicatesSuppressed > before && shown == 1 ? "duplicate-suppressed" : $"shown {shown} times", ""));
    }

    // ee rotates (K1 → K2, K1 kept an hour) and revokes K1; then rotates again with a one-second overlap (K2 → K3).
    // A notice signed with K1 is refused as revoked, one signed with K2 after its window as expired. ee's first
    // record, replayed byte for byte, is a version fr holds: counted as a duplicate, and ee's current record stays.
    // (A rewritten or backdated old version is refused as record-conflict or stale-record: DirectoryTests.)
    private async Task KeyAndRecordReplaysAsync()
    {
        var firstRecord = Directory.GetFiles(Path.Combine(Ee.Directory, "data", "directory", "ee"), "*.envelope").Order().First();
        var k1 = Ee.PrivateKeyFile;
        var rotated = await Ee.Contacts.RotateKeyAsync(new RotateKeyRequest { Overlap = Duration.FromTimeSpan(TimeSpan.FromHours(1)) });
        await Ee.Contacts.RevokeKeyAsync(new RevokeKeyRequest { KeyId = rotated.OldKeyId, Reason = "compromised" });
        var k2 = Path.Combine(Ee.Directory, "data", "keys", rotated.NewKeyId, KeyFiles.PrivateFileName("ee"));
        var second = await Ee.Contacts.RotateKeyAsync(new RotateKeyRequest { Overlap = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) });
        await WaitForRecordAtFrAsync(second.NewKeyId);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        await InjectAsync("notice signed with a revoked key", "key-revoked", HandBuilt.Seal("ee", k1, Notice("ee", "revoked key")));
        await InjectAsync("notice signed with an expired key", "key-expired", HandBuilt.Seal("ee", k2, Notice("ee", "expired key")));
        var current = (await Fr.Contacts.GetContactAsync(new GetContactRequest { NodeId = "ee" })).Record;
        var before = FrMetrics.RecordDuplicates;
        await RawAmqp.PublishAsync(FrAmqp, RoutingKeys.ContactBroadcast, await File.ReadAllBytesAsync(firstRecord));
        await Poll.UntilAsync(() => FrMetrics.RecordDuplicates != before, TimeSpan.FromSeconds(15));

        var after = (await Fr.Contacts.GetContactAsync(new GetContactRequest { NodeId = "ee" })).Record;
        _table.Add(("ee's first record, replayed", "duplicate-held-version", FrMetrics.RecordDuplicates > before && after.Equals(current) ? "duplicate-held-version" : $"current record now version {after.Version}", ""));
    }

    // One peer floods fr with envelopes that fail verification; each is quarantined and valid traffic keeps flowing.
    private async Task FloodAsync(string eeKey)
    {
        var before = FrMetrics.QuarantinedByReason.GetValueOrDefault(RejectionReason.BadSignature);
        var body = SwappedPayload(eeKey);
        await RawAmqp.PublishManyAsync(FrAmqp, "notice.fr", Enumerable.Repeat(body, FloodSize));
        long Counted() => FrMetrics.QuarantinedByReason.GetValueOrDefault(RejectionReason.BadSignature) - before;
        await Poll.UntilAsync(() => Counted() >= FloodSize, TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(100));
        var counted = Counted();

        _table.Add(($"flood of {FloodSize} from one peer", "bad-signature", counted == FloodSize ? "bad-signature" : $"{counted} of {FloodSize} quarantined", ""));
    }

    private async Task WaitForRecordAtFrAsync(string keyId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var entry = await Fr.Contacts.GetContactAsync(new GetContactRequest { NodeId = "ee" });
            if (entry.Record?.Keys.Any(k => k.KeyId == keyId) == true)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"fr did not get ee's record with key {keyId} within 30 s.");
    }

    private static async Task WaitUntilDeliveredAsync(AlertCollector collector, IEnumerable<string> noticeIds)
    {
        var missing = await Poll.ForNoticesAsync(() => collector.Received, noticeIds, TimeSpan.FromSeconds(60));
        if (missing.Count > 0)
        {
            Assert.Fail($"{missing.Count} confirmed notices never reached fr's subscriber: {string.Join(", ", missing.Take(5))}");
        }
    }

    private void Report(int confirmed, int received, TimeSpan slowest)
    {
        TestContext.Out.WriteLine($"{"input",-42} {"expected",-22} {"got",-22}");
        foreach (var (input, expected, actual, _) in _table)
        {
            TestContext.Out.WriteLine($"{input,-42} {expected,-22} {actual,-22}");
        }

        TestContext.Out.WriteLine($"valid notices: {confirmed} confirmed at ee, {received} shown at fr, lost {confirmed + 1 - received}, slowest {slowest.TotalMilliseconds:F0} ms (bound {DeliveryBound.TotalSeconds} s)");
    }

    private static Timestamp Now() => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);

    private static IncidentNotice Notice(string origin, string title) => HandBuilt.NoticeOf(origin, title);

    private static IncidentNotice Red()
    {
        var notice = Notice("ee", "red to everyone");
        notice.Tlp = Tlp.Red;
        return notice;
    }

    private static IncidentNotice RedFor(string node)
    {
        var notice = Red();
        notice.Audience = new Audience { Nodes = { node } };
        return notice;
    }

    private static IncidentNotice HugeIndicatorList()
    {
        var notice = Notice("ee", "5000 indicators");
        for (var i = 0; i < 5_000; i++)
        {
            notice.Indicators.Add(new Indicator { Type = IndicatorType.Domain, Value = $"h{i}.evil.example" });
        }

        return notice;
    }

    // Field 10 (title) again, with bytes that are not UTF-8: the last value of a field wins when parsing.
    private static byte[] InvalidUtf8Title() => [.. Notice("ee", "x").ToByteArray(), 0x52, 0x03, 0xC3, 0x28, 0xFF];

    // The envelope's signer (field 3) again, with bytes that are not UTF-8.
    private static byte[] InvalidUtf8Signer(byte[] envelope) => [.. envelope, 0x1A, 0x02, 0xC3, 0x28];

    private static byte[] SwappedPayload(string keyFile)
    {
        var envelope = Envelope.Parser.ParseFrom(HandBuilt.Seal("ee", keyFile, Notice("ee", "signed")));
        envelope.Payload = Notice("ee", "swapped in after signing").ToByteString();
        return envelope.ToByteArray();
    }

    private static byte[] StrangerSealed()
    {
        using var key = SigningKey.Generate();
        return new EnvelopeSealer("stranger", key).Seal(Notice("stranger", "from a stranger")).ToByteArray();
    }

    private static byte[] SealedWithFreshKey(string signer, IMessage payload)
    {
        using var key = SigningKey.Generate();
        return new EnvelopeSealer(signer, key).Seal(payload).ToByteArray();
    }

    private static byte[] Raw(string payloadType, string signer, string keyFile, byte[] payload)
    {
        var (_, key) = KeyFiles.ReadPrivate(keyFile);
        using (key)
        {
            return new Envelope
            {
                PayloadType = payloadType,
                Signer = signer,
                KeyId = key.KeyId,
                Payload = ByteString.CopyFrom(payload),
                Signature = ByteString.CopyFrom(key.Sign(SigningInput.Build(payloadType, signer, key.KeyId, payload))),
            }.ToByteArray();
        }
    }
}
