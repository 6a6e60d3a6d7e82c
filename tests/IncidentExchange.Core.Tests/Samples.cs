using Google.Protobuf.WellKnownTypes;
using Google.Protobuf;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Crypto;

namespace IncidentExchange.Core.Tests;

/// <summary>Notices and keys the unit tests start from.</summary>
internal static class Samples
{
    /// <summary>RFC 8032 §7.1 test 1 secret key: lets any implementation check its Ed25519 against ours.</summary>
    public static readonly byte[] Rfc8032Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    /// <summary>RFC 8032 §7.1 test 1 public key.</summary>
    public static readonly byte[] Rfc8032PublicKey = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    /// <summary>A valid notice from <c>ee</c>, sequence 1, broadcast. The worked example builds on it: its fields are in protos/README.md §14.</summary>
    public static IncidentNotice Notice(string origin = "ee") => new()
    {
        NoticeId = Guid.CreateVersion7().ToString("D"),
        Origin = origin,
        Sequence = 1,
        Revision = 1,
        Status = NoticeStatus.Open,
        Severity = Severity.High,
        Tlp = Tlp.Green,
        Category = "malicious-code",
        Sectors = { "energy" },
        Title = "Wiper on substation HMIs",
        Summary = "Destructive malware found on two HMIs.",
        Indicators = { new Indicator { Type = IndicatorType.Ipv4, Value = "192.0.2.1" } },
        IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        Audience = new Audience { All = true },
    };

    /// <summary>The notice of the worked example in protos/README.md; every field fixed.</summary>
    public static IncidentNotice WorkedExampleNotice()
    {
        var notice = Notice();
        notice.NoticeId = "017f22e2-79b0-7cc3-98c4-dc0c0c07398f";
        notice.Title = "Example";
        notice.Summary = "Worked example from protos/README.md.";
        notice.IssuedAt = new Timestamp { Seconds = 1767225600 };
        return notice;
    }

    /// <summary>A valid contact record of <paramref name="node"/> listing <paramref name="keys"/>.</summary>
    public static ContactRecord Record(string node, ulong version, DateTimeOffset issuedAt, params NodeKey[] keys) => new()
    {
        NodeId = node,
        Version = version,
        IssuedAt = Timestamp.FromDateTimeOffset(issuedAt),
        Organisation = $"CERT-{node.ToUpperInvariant()}",
        Country = node.ToUpperInvariant(),
        Contacts =
        {
            new Contact { Role = ContactRole.Technical, Name = "Duty desk", Email = $"cert@{node}.example", Phone = "+372 600 0000", Hours = "24/7", TimeZone = "Europe/Tallinn", Languages = { "et", "en" } },
            new Contact { Role = ContactRole.Crisis, Name = "Crisis duty officer", Email = $"crisis@{node}.example", Hours = "24/7" },
        },
        Keys = { keys },
    };

    /// <summary>The record entry for <paramref name="key"/> with an optional window and revocation.</summary>
    public static NodeKey KeyEntry(SigningKey key, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, DateTimeOffset? revokedAt = null, string reason = "")
    {
        var entry = new NodeKey { KeyId = key.KeyId, PublicKey = ByteString.CopyFrom(key.PublicKey), RevocationReason = reason };
        if (notBefore is { } from)
        {
            entry.NotBefore = Timestamp.FromDateTimeOffset(from);
        }

        if (notAfter is { } until)
        {
            entry.NotAfter = Timestamp.FromDateTimeOffset(until);
        }

        if (revokedAt is { } revoked)
        {
            entry.RevokedAt = Timestamp.FromDateTimeOffset(revoked);
        }

        return entry;
    }
}
