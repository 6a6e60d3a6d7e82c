using NSec.Cryptography;

namespace IncidentExchange.Core.Crypto;

/// <summary>A node's Ed25519 private key, with its public key and key id.</summary>
public sealed class SigningKey : IDisposable
{
    private readonly Key _key;

    private SigningKey(Key key)
    {
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyId = KeyIds.Derive(PublicKey);
    }

    /// <summary>Raw 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>Key id derived from <see cref="PublicKey"/>.</summary>
    public string KeyId { get; }

    /// <summary>Creates a new random key.</summary>
    public static SigningKey Generate() => new(Key.Create(SignatureAlgorithm.Ed25519, Exportable()));

    /// <summary>Restores a key from its 32-byte RFC 8032 seed.</summary>
    public static SigningKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519Keys.SeedBytes)
        {
            throw new ArgumentException($"An Ed25519 private key seed has {Ed25519Keys.SeedBytes} bytes, not {seed.Length}.", nameof(seed));
        }

        return new SigningKey(Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, Exportable()));
    }

    /// <summary>The 32-byte seed, for writing the key file.</summary>
    public byte[] ExportSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    /// <summary>Signs <paramref name="data"/>; Ed25519 signatures are deterministic.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => SignatureAlgorithm.Ed25519.Sign(_key, data);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    // The seed must be exportable once, to be written to the node's key file.
    private static KeyCreationParameters Exportable() => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
}
