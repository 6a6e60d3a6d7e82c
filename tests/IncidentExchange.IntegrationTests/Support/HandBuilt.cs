using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Crypto;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>Envelopes built and signed outside any gateway, as another implementation (or a key thief) would.</summary>
public static class HandBuilt
{
    /// <summary>A valid broadcast notice of <paramref name="origin"/>, issued now, signed with the key in <paramref name="privateKeyFile"/>.</summary>
    public static (byte[] Body, IncidentNotice Notice) Notice(string origin, string privateKeyFile, string title)
    {
        var notice = NoticeOf(origin, title);
        return (Seal(origin, privateKeyFile, notice), notice);
    }

    /// <summary>A valid broadcast notice of <paramref name="origin"/>, issued now, every field an origin fills set; not signed.</summary>
    public static IncidentNotice NoticeOf(string origin, string title)
    {
        var notice = Drafts.Broadcast(title);
        notice.NoticeId = Guid.CreateVersion7().ToString("D");
        notice.Origin = origin;
        // Far above what the gateway hands out in a test, so it never collides with a real sequence.
        notice.Sequence = 1_000_000 + (ulong)Random.Shared.Next(1_000_000);
        notice.Revision = 1;
        notice.Status = NoticeStatus.Open;
        notice.IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        return notice;
    }

    /// <summary><paramref name="payload"/> in an envelope that names <paramref name="signer"/>, signed with the key in <paramref name="privateKeyFile"/>.</summary>
    public static byte[] Seal(string signer, string privateKeyFile, IMessage payload)
    {
        var (_, key) = KeyFiles.ReadPrivate(privateKeyFile);
        using (key)
        {
            return new EnvelopeSealer(signer, key).Seal(payload).ToByteArray();
        }
    }
}
