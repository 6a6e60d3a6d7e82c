using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Crypto;

namespace IncidentExchange.Core.Tests.Export;

/// <summary>
/// The fixed sample the export formats are checked with (docs/export/): two notices, every field and indicator type,
/// signed with fixed keys (Ed25519 is deterministic), as replay items with fixed offsets and times.
/// </summary>
internal static class ExportSample
{
    public static readonly Guid BundleId = new("6b1d0f0e-2c3a-4b5d-8e7f-0a1b2c3d4e5f");

    /// <summary>Key of fr in the sample: seed = SHA-256 of "incx export sample fr".</summary>
    public static SigningKey FrKey() => SigningKey.FromSeed(SHA256.HashData(Encoding.UTF8.GetBytes("incx export sample fr")));

    public static IncidentNotice FromEe() => Samples.WorkedExampleNotice();

    public static IncidentNotice FromFr() => new()
    {
        NoticeId = "01947a3c-5e00-7c2e-8d1a-5b6c7d8e9f01",
        Origin = "fr",
        Sequence = 42,
        Revision = 2,
        Status = NoticeStatus.Update,
        Severity = Severity.Critical,
        Tlp = Tlp.Amber,
        Category = "intrusions",
        Sectors = { "energy", "ics" },
        Title = "VPN appliance exploited at grid operators",
        Summary = "Remote code execution on the VPN gateways of two operators; lateral movement towards engineering workstations.",
        Mitigation = "Patch to 7.2.1, rotate VPN credentials, block the indicators.",
        Indicators =
        {
            new Indicator { Type = IndicatorType.Ipv6, Value = "2001:db8::1", Description = "staging server" },
            new Indicator { Type = IndicatorType.Domain, Value = "vpn-update.evil.example" },
            new Indicator { Type = IndicatorType.Url, Value = "https://vpn-update.evil.example/o'brien.sh" },
            new Indicator { Type = IndicatorType.Email, Value = "support@evil.example" },
            new Indicator { Type = IndicatorType.Md5, Value = "d41d8cd98f00b204e9800998ecf8427e" },
            new Indicator { Type = IndicatorType.Sha1, Value = "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
            new Indicator { Type = IndicatorType.Sha256, Value = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
            new Indicator { Type = IndicatorType.Cve, Value = "CVE-2024-3400" },
            new Indicator { Type = IndicatorType.Asn, Value = "AS64500" },
        },
        References = { "https://cert.example.fr/advisories/2026-001" },
        IssuedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 2, 8, 30, 0, TimeSpan.Zero)),
        Audience = new Audience { Nodes = { "ee" } },
    };

    /// <summary>The two notices as ee's history would replay them: ee's own (sent), then fr's (received).</summary>
    public static IReadOnlyList<ReplayItem> Items()
    {
        using var ee = SigningKey.FromSeed(Samples.Rfc8032Seed);
        using var fr = FrKey();
        return
        [
            Item(0, new EnvelopeSealer("ee", ee).Seal(FromEe()), Direction.Sent, FromEe(), new DateTimeOffset(2026, 1, 1, 0, 0, 0, 120, TimeSpan.Zero)),
            Item(1, new EnvelopeSealer("fr", fr).Seal(FromFr()), Direction.Received, FromFr(), new DateTimeOffset(2026, 1, 2, 8, 30, 0, 480, TimeSpan.Zero)),
        ];
    }

    private static ReplayItem Item(long offset, Envelope envelope, Direction direction, IncidentNotice notice, DateTimeOffset storedAt) => new()
    {
        Offset = offset,
        StoredAt = Timestamp.FromDateTimeOffset(storedAt),
        Direction = direction,
        Envelope = envelope.ToByteString(),
        PayloadType = envelope.PayloadType,
        Signer = envelope.Signer,
        Verification = new Verification { Verified = true },
        Notice = notice,
    };
}
