using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;

namespace IncidentExchange.Core.Tests.Contacts;

public class KeyWindowsTests
{
    private static readonly Timestamp From = new() { Seconds = 1_000 };
    private static readonly Timestamp Until = new() { Seconds = 2_000 };

    [TestCase(999, KeyValidity.NotYetValid)]
    [TestCase(1_000, KeyValidity.Valid)]
    [TestCase(1_999, KeyValidity.Valid)]
    [TestCase(2_000, KeyValidity.Expired)]
    public void At_InsideAndAroundTheWindow_StartIsInclusiveEndExclusive(long seconds, KeyValidity expected)
    {
        var key = new NodeKey { NotBefore = From, NotAfter = Until };

        Assert.That(KeyWindows.At(key, new Timestamp { Seconds = seconds }), Is.EqualTo(expected));
    }

    [Test]
    public void At_RevokedInsideTheWindow_IsRevokedFromThatInstantOn()
    {
        var key = new NodeKey { NotBefore = From, NotAfter = Until, RevokedAt = new Timestamp { Seconds = 1_500, Nanos = 5 } };

        Assert.Multiple(() =>
        {
            Assert.That(KeyWindows.At(key, new Timestamp { Seconds = 1_500, Nanos = 4 }), Is.EqualTo(KeyValidity.Valid));
            Assert.That(KeyWindows.At(key, new Timestamp { Seconds = 1_500, Nanos = 5 }), Is.EqualTo(KeyValidity.Revoked));
            Assert.That(KeyWindows.At(key, new Timestamp { Seconds = 2_500 }), Is.EqualTo(KeyValidity.Revoked));
        });
    }

    [Test]
    public void At_NoBounds_IsAlwaysValid() =>
        Assert.That(KeyWindows.At(new NodeKey(), new Timestamp { Seconds = long.MaxValue }), Is.EqualTo(KeyValidity.Valid));
}
