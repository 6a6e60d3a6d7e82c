namespace IncidentExchange.Core.Crypto;

/// <summary>Sizes of Ed25519 (RFC 8032) keys and signatures.</summary>
public static class Ed25519Keys
{
    /// <summary>Raw public key length.</summary>
    public const int PublicKeyBytes = 32;

    /// <summary>Private key seed length.</summary>
    public const int SeedBytes = 32;

    /// <summary>Signature length.</summary>
    public const int SignatureBytes = 64;
}
