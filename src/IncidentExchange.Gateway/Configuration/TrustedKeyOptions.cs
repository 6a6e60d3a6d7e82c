namespace IncidentExchange.Gateway.Configuration;

/// <summary>One pinned public key of a peer node: the key itself (base64) or the path of its <c>.pub.json</c> file.</summary>
public sealed class TrustedKeyOptions
{
    /// <summary>Node id the key belongs to.</summary>
    public string Node { get; set; } = "";

    /// <summary>Raw 32-byte Ed25519 public key, base64.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Path of the peer's public key file, as written by <c>incx keys generate</c>.</summary>
    public string? PublicKeyFile { get; set; }
}
