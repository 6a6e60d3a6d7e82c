using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentExchange.Core.Crypto;

/// <summary>
/// Reads and writes a node's key files: <c>&lt;node&gt;.key.json</c> (private seed, mode 0600)
/// and <c>&lt;node&gt;.pub.json</c> (public key, to be pinned by peers).
/// </summary>
public static class KeyFiles
{
    private const string Algorithm = "ed25519";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>File name of a node's private key file.</summary>
    public static string PrivateFileName(string nodeId) => nodeId + ".key.json";

    /// <summary>File name of a node's public key file.</summary>
    public static string PublicFileName(string nodeId) => nodeId + ".pub.json";

    /// <summary>Writes both files for <paramref name="key"/> into <paramref name="directory"/>; refuses to overwrite a private key.</summary>
    /// <returns>The paths of the private and the public key file.</returns>
    public static (string PrivatePath, string PublicPath) Write(string directory, string nodeId, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Directory.CreateDirectory(directory);
        var privatePath = Path.Combine(directory, PrivateFileName(nodeId));
        var publicPath = Path.Combine(directory, PublicFileName(nodeId));
        if (File.Exists(privatePath))
        {
            throw new KeyFileException($"Refusing to overwrite the existing private key file {privatePath}.");
        }

        var privateFile = new PrivateKeyFile(nodeId, Algorithm, key.KeyId, Convert.ToBase64String(key.ExportSeed()));
        SecretFiles.CreateNew(privatePath, stream => JsonSerializer.Serialize(stream, privateFile, Json));

        File.WriteAllText(publicPath, JsonSerializer.Serialize(new PublicKeyFile(nodeId, Algorithm, key.KeyId, Convert.ToBase64String(key.PublicKey)), Json));
        return (privatePath, publicPath);
    }

    /// <summary>Loads a private key file, refusing one that others can read.</summary>
    /// <returns>The node id the file belongs to and the key.</returns>
    public static (string NodeId, SigningKey Key) ReadPrivate(string path)
    {
        SecretFiles.RequirePrivate(path, "Private key file");
        var file = Parse<PrivateKeyFile>(path);
        var seed = DecodeBase64(file.Seed, path, "seed");
        var key = SigningKey.FromSeed(seed);
        if (file.KeyId is not null && file.KeyId != key.KeyId)
        {
            key.Dispose();
            throw new KeyFileException($"Private key file {path} names key id {file.KeyId}, but its key has id {key.KeyId}.");
        }

        return (file.Node, key);
    }

    /// <summary>Loads a public key file.</summary>
    public static PublicKeyFile ReadPublic(string path)
    {
        var file = Parse<PublicKeyFile>(path);
        var raw = DecodeBase64(file.PublicKey, path, "publicKey");
        if (raw.Length != Ed25519Keys.PublicKeyBytes)
        {
            throw new KeyFileException($"Public key file {path} holds {raw.Length} bytes; an Ed25519 public key has {Ed25519Keys.PublicKeyBytes}.");
        }

        if (file.KeyId != KeyIds.Derive(raw))
        {
            throw new KeyFileException($"Public key file {path} names key id {file.KeyId}, but its key has id {KeyIds.Derive(raw)}.");
        }

        return file;
    }

    private static T Parse<T>(string path) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json)
                ?? throw new KeyFileException($"Key file {path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new KeyFileException($"Key file {path} is not valid key JSON: {ex.Message}");
        }
    }

    private static byte[] DecodeBase64(string? value, string path, string field)
    {
        try
        {
            return Convert.FromBase64String(value ?? throw new KeyFileException($"Key file {path} has no '{field}'."));
        }
        catch (FormatException)
        {
            throw new KeyFileException($"Key file {path} has a '{field}' that is not base64.");
        }
    }

    /// <summary>JSON form of a private key file.</summary>
    public sealed record PrivateKeyFile(string Node, string Algorithm, string? KeyId, string Seed);

    /// <summary>JSON form of a public key file.</summary>
    public sealed record PublicKeyFile(string Node, string Algorithm, string KeyId, string PublicKey)
    {
        /// <summary>The raw public key bytes.</summary>
        [JsonIgnore]
        public byte[] PublicKeyBytes => Convert.FromBase64String(PublicKey);
    }
}
