using IncidentExchange.Core.Crypto;

namespace IncidentExchange.Gateway.Configuration;

/// <summary>Turns a configured trusted key into raw public-key bytes.</summary>
internal static class TrustedKeyLoader
{
    /// <summary>Returns the raw 32-byte public key of <paramref name="key"/>.</summary>
    public static byte[] Load(TrustedKeyOptions key)
    {
        if (key.PublicKeyFile is not null)
        {
            var file = KeyFiles.ReadPublic(key.PublicKeyFile);
            if (file.Node != key.Node)
            {
                throw new KeyFileException($"Public key file {key.PublicKeyFile} belongs to node '{file.Node}', not to '{key.Node}'.");
            }

            return file.PublicKeyBytes;
        }

        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(key.PublicKey ?? "");
        }
        catch (FormatException)
        {
            throw new FormatException($"The public key of '{key.Node}' is not base64.");
        }

        return raw.Length == Ed25519Keys.PublicKeyBytes
            ? raw
            : throw new FormatException($"The public key of '{key.Node}' has {raw.Length} bytes; an Ed25519 public key has {Ed25519Keys.PublicKeyBytes}.");
    }
}
