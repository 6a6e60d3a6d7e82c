using IncidentExchange.Core.Crypto;

namespace IncidentExchange.Core.Tests.Crypto;

public class KeyIdsTests
{
    [Test]
    public void Derive_Rfc8032PublicKey_IsFirst16BytesOfSha256InHex()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Samples.Rfc8032PublicKey))[..32];

        Assert.That(KeyIds.Derive(Samples.Rfc8032PublicKey), Is.EqualTo(expected));
    }

    [Test]
    public void FromSeed_Rfc8032Seed_GivesRfc8032PublicKey()
    {
        using var key = SigningKey.FromSeed(Samples.Rfc8032Seed);

        Assert.That(key.PublicKey, Is.EqualTo(Samples.Rfc8032PublicKey));
    }

    [Test]
    public void Derive_WrongLength_Throws()
    {
        Assert.That(() => KeyIds.Derive(new byte[31]), Throws.ArgumentException);
    }
}
