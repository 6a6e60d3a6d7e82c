using System.Security.Cryptography;

namespace IncidentExchange.Core.Crypto;

/// <summary>
/// Key ids name an Ed25519 public key without carrying it: the lowercase hex of the
/// first 16 bytes of SHA-256 over the 32 raw public-key bytes (protos/README.md, "Key ids").
/// </summary>
public static class KeyIds
{
    /// <summary>Length of a key id in characters.</summary>
    public const int Length = 32;

    /// <summary>Derives the key id of a raw 32-byte Ed25519 public key.</summary>
    public static string Derive(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != Ed25519Keys.PublicKeyBytes)
        {
            throw new ArgumentException($"An Ed25519 public key has {Ed25519Keys.PublicKeyBytes} bytes, not {publicKey.Length}.", nameof(publicKey));
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(publicKey, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
