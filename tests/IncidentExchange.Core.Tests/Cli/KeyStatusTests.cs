using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Tests.Cli;

public class KeyStatusTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Of_NoBounds_IsValid()
    {
        Assert.That(KeyStatus.Of(new NodeKey { KeyId = "k" }, Now), Is.EqualTo(KeyStatus.Valid));
    }

    [TestCase(-1, KeyStatus.Valid)]
    [TestCase(0, KeyStatus.Valid)]
    [TestCase(1, KeyStatus.NotYetValid)]
    public void Of_NotBefore_IsInclusive(int secondsFromNow, string expected)
    {
        var key = new NodeKey { NotBefore = At(secondsFromNow) };

        Assert.That(KeyStatus.Of(key, Now), Is.EqualTo(expected));
    }

    [TestCase(-1, KeyStatus.Expired)]
    [TestCase(0, KeyStatus.Expired)]
    [TestCase(1, KeyStatus.Valid)]
    public void Of_NotAfter_IsExclusive(int secondsFromNow, string expected)
    {
        var key = new NodeKey { NotAfter = At(secondsFromNow) };

        Assert.That(KeyStatus.Of(key, Now), Is.EqualTo(expected));
    }

    [TestCase(-1, KeyStatus.Revoked)]
    [TestCase(0, KeyStatus.Revoked)]
    [TestCase(1, KeyStatus.Valid)]
    public void Of_RevokedAt_IsExclusive(int secondsFromNow, string expected)
    {
        var key = new NodeKey { RevokedAt = At(secondsFromNow), RevocationReason = "superseded" };

        Assert.That(KeyStatus.Of(key, Now), Is.EqualTo(expected));
    }

    [Test]
    public void Of_RevokedAndExpired_IsRevoked()
    {
        var key = new NodeKey { NotAfter = At(-60), RevokedAt = At(-30), RevocationReason = "compromised" };

        Assert.That(KeyStatus.Of(key, Now), Is.EqualTo(KeyStatus.Revoked));
    }

    [Test]
    public void CountValid_MixedKeys_CountsOnlyValidNow()
    {
        NodeKey[] keys =
        [
            new() { KeyId = "old", NotAfter = At(-60) },
            new() { KeyId = "current", NotBefore = At(-3600) },
            new() { KeyId = "overlap", NotAfter = At(3600) },
            new() { KeyId = "next", NotBefore = At(60) },
            new() { KeyId = "lost", RevokedAt = At(-1), RevocationReason = "compromised" },
        ];

        Assert.That(KeyStatus.CountValid(keys, Now), Is.EqualTo(2));
    }

    private static Timestamp At(int secondsFromNow) => Timestamp.FromDateTimeOffset(Now.AddSeconds(secondsFromNow));
}
